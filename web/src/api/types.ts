/**
 * Hand-written types for the platform API (docs/API-DRAFT.md).
 * To be replaced by the generated `schema.d.ts` once `npm run api:gen` works.
 */

export interface ListResult<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export type DataScope = 'all' | 'region' | 'org' | 'self';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  regionCode: string;
  roles: string[];
  permissions: string[];
  dataScope: DataScope;
  mustChangePassword: boolean;
}

export interface SessionResponse {
  user: SessionUser;
  csrfToken: string;
}

export interface LoginInput {
  username: string;
  password: string;
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export interface Region {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
}

export const ORG_TYPES = [
  'city_bureau',
  'city_section',
  'county_bureau',
  'institution',
  'department',
  'enterprise',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export interface Org {
  id: string;
  name: string;
  type: OrgType;
  regionCode: string;
  regionName: string;
  parentId: string | null;
  active: boolean;
  createdAt: string;
}

export interface OrgQuery extends PageQuery {
  q?: string;
  type?: OrgType;
  regionCode?: string;
  parentId?: string;
}

export interface CreateOrgInput {
  name: string;
  type: OrgType;
  regionCode: string;
  parentId?: string;
}

export interface UpdateOrgInput {
  name?: string;
  regionCode?: string;
  parentId?: string;
  active?: boolean;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  regionCode: string;
  roles: string[];
  active: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserQuery extends PageQuery {
  q?: string;
  orgId?: string;
  role?: string;
}

export interface CreateUserInput {
  username: string;
  password: string;
  displayName: string;
  orgId: string;
  roles: string[];
  mustChangePassword?: boolean;
}

export interface UpdateUserInput {
  displayName?: string;
  orgId?: string;
  roles?: string[];
  active?: boolean;
}

export interface ResetPasswordInput {
  password: string;
  mustChangePassword?: boolean;
}

export const DATA_SCOPES: DataScope[] = ['all', 'region', 'org', 'self'];

export interface Role {
  key: string;
  name: string;
  permissions: string[];
  dataScope: DataScope;
  builtin: boolean;
}

export interface Permission {
  key: string;
  group: string;
}

export interface CreateRoleInput {
  key: string;
  name: string;
  permissions: string[];
  dataScope: DataScope;
}

export type UpdateRoleInput = Partial<Omit<CreateRoleInput, 'key'>>;

export interface ApiKey {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  prefix: string;
  roles: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateApiKeyInput {
  orgId: string;
  name: string;
}

export interface CreatedApiKey {
  id: string;
  key: string;
}

export interface AuditEvent {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  hash: string;
  prevHash: string;
}

export interface AuditQuery extends PageQuery {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { id: string; reason: string } | null;
}

export type CalendarSource = 'package' | 'manual';

export interface CalendarYear {
  year: number;
  source: CalendarSource;
}

export interface CalendarDay {
  date: string;
  workingDay: boolean;
  name: string | null;
  source: CalendarSource;
}

export interface CalendarDaysResult extends ListResult<CalendarDay> {
  year: number;
  covered: boolean;
}

export interface CalendarOverrideInput {
  workingDay: boolean;
  name?: string;
}

export interface AddWorkingDaysResult {
  date: string;
  certain: boolean;
}

export interface HealthResult {
  status: 'ok';
  database: 'pglite' | 'postgres';
}
