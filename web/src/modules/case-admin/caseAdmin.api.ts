/**
 * Calls of the case administration pages (issue 18, /work API-SPEC: publication/, exchange/,
 * decision/ discretion, oversight/ transfer statistics). The types follow the spec; once the routes
 * are in the generated schema they can be derived from it (ResponseOf/BodyOf) like other modules'.
 */
import { api } from '../../api/client';
import type { ListResult, PageQuery } from '../../api/types';

const enc = encodeURIComponent;

export const PENALTY_TYPES = ['warning', 'criticism', 'fine', 'confiscation_gains', 'confiscation', 'suspension', 'revocation'] as const;
export type PenaltyType = (typeof PENALTY_TYPES)[number];

// publication/
export const PUBLICATION_STATUSES = ['pending', 'published', 'not_published', 'removed'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** A row of `GET /api/penalty-publications` (staff, scoped). */
export interface Publication {
  caseId: string;
  caseNo?: string | null;
  partyName?: string | null;
  uscc?: string | null;
  documentNo?: string | null;
  decidedOn?: string | null;
  penaltyText?: string | null;
  orgName?: string | null;
  caseStage?: string | null;
  status: PublicationStatus;
  exemptReason?: string | null;
  dueOn: string;
  dueCertain?: boolean;
  overdue?: boolean;
  publishedOn?: string | null;
  publishedByName?: string | null;
  period?: 'short' | 'long' | null;
  publicUntil?: string | null;
  removedOn?: string | null;
  removalReason?: string | null;
  version?: number;
}
export interface PublicationQuery extends PageQuery {
  status?: PublicationStatus;
  overdue?: boolean;
}
export interface PublishInput {
  publishedOn?: string;
}
export interface RemoveInput {
  reason: string;
  applicationDate?: string;
}

// decision/ discretion table
export const DISCRETION_LEVELS = ['exempt', 'mitigated', 'lighter', 'ordinary', 'heavier'] as const;
export type DiscretionLevel = (typeof DISCRETION_LEVELS)[number];
export const VIOLATION_AREAS = ['product_quality', 'standards', 'metrology', 'certification', 'special_equipment', 'licensing', 'other'] as const;
export type ViolationArea = (typeof VIOLATION_AREAS)[number];

export interface DiscretionLevelSpec {
  level: DiscretionLevel;
  circumstances: string;
  penaltyTypes: PenaltyType[];
  fineMin: number | null;
  fineMax: number | null;
  fineRule: string | null;
}
export interface DiscretionRule {
  key: string;
  area: ViolationArea;
  violation: string;
  violatedProvision: string;
  penaltyProvision: string;
  levels: DiscretionLevelSpec[];
  active: boolean;
  sortOrder: number;
  version: number;
  updatedByName?: string | null;
  updatedAt?: string;
}
export type DiscretionRuleInput = Omit<DiscretionRule, 'version' | 'updatedByName' | 'updatedAt'>;

// exchange/
export const EXCHANGE_FIELDS = ['caseNo', 'stage', 'partyName', 'uscc', 'summary', 'foundOn', 'openedOn', 'violation', 'legalBasis', 'penaltyTypes', 'penaltyText', 'documentNo', 'decidedOn', 'amountDue', 'closedOn', 'transfers', 'orgName'] as const;
export type ExchangeField = (typeof EXCHANGE_FIELDS)[number];

export interface ExchangeGrant {
  orgId: string;
  orgName?: string | null;
  fields: ExchangeField[];
  includeOpen: boolean;
  active: boolean;
  updatedByName?: string | null;
  updatedAt?: string;
}
export type GrantInput = Pick<ExchangeGrant, 'fields' | 'includeOpen' | 'active'>;

export interface ExternalCase {
  id: string;
  orgId: string;
  orgName?: string | null;
  externalNo: string;
  partyName: string;
  uscc?: string | null;
  summary: string;
  status: string;
  decidedOn?: string | null;
  penaltyText?: string | null;
  regionCode?: string;
  postedAt: string;
  updatedAt?: string;
}
export interface ExternalCaseQuery extends PageQuery {
  uscc?: string;
  q?: string;
}

// oversight/ transfer statistics
export interface TransferCount {
  total: number;
  accepted?: number;
  notAccepted?: number;
  pending?: number;
}
export interface TransferStats extends TransferCount {
  accepted: number;
  notAccepted: number;
  pending: number;
  byOrgan: (TransferCount & { organ?: string; receivingOrgan?: string })[];
  byRegion: (TransferCount & { regionCode: string; regionName?: string | null })[];
}
export interface TransferStatsQuery {
  year?: number;
  regionCode?: string;
}

export const caseAdminApi = {
  publications: (q: PublicationQuery) => api.get<ListResult<Publication>>('/api/penalty-publications', q),
  publish: (caseId: string, input: PublishInput) => api.post<unknown>(`/api/cases/${enc(caseId)}/publication/publish`, input),
  remove: (caseId: string, input: RemoveInput) => api.post<unknown>(`/api/cases/${enc(caseId)}/publication/remove`, input),

  rules: () => api.get<ListResult<DiscretionRule>>('/api/case-discretion-rules'),
  createRule: (input: DiscretionRuleInput) => api.post<DiscretionRule>('/api/case-discretion-rules', input),
  updateRule: (rule: DiscretionRule, input: Omit<DiscretionRuleInput, 'key'>) => api.put<DiscretionRule>(`/api/case-discretion-rules/${enc(rule.key)}`, input, rule.version),

  grants: () => api.get<ListResult<ExchangeGrant>>('/api/case-exchange-grants'),
  putGrant: (orgId: string, input: GrantInput) => api.put<ExchangeGrant>(`/api/case-exchange-grants/${enc(orgId)}`, input),

  externalCases: (q: ExternalCaseQuery) => api.get<ListResult<ExternalCase>>('/api/external-cases', q),

  transferStats: (q: TransferStatsQuery) => api.get<TransferStats>('/api/case-transfers/stats', q),
};

/** The staff page of a case (the cases module's route). */
export const casePath = (id: string) => `/cases/${enc(id)}`;
