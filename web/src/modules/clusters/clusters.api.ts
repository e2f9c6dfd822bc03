/**
 * Calls of the cluster pages (issue 18: 产业集聚区 and 质量风险提示函; API-SPEC clusters/). The
 * types follow the spec; once the routes are in the generated schema they can be derived from it.
 */
import { api } from '../../api/client';
import type { ListResult, PageQuery } from '../../api/types';

const enc = encodeURIComponent;

export const MEMBER_MODES = ['tag', 'list'] as const;
export type MemberMode = (typeof MEMBER_MODES)[number];
export const MEASURE_KINDS = ['enforcement_advice', 'technical_guidance', 'public_guidance', 'other'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const EVIDENCE_TYPES = ['inspection_task', 'case', 'complaint', 'spot_check', 'text'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
export const NOTICE_STATUSES = ['awaiting_reply', 'replied', 'closed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export interface Cluster {
  id: string;
  name: string;
  regionCode: string;
  regionName?: string | null;
  orgId: string;
  orgName?: string | null;
  memberMode: MemberMode;
  tag?: string | null;
  industry?: string | null;
  description?: string | null;
  demonstrationZone: boolean;
  demonstrationOn?: string | null;
  demonstrationNote?: string | null;
  memberCount?: number;
  createdByName: string;
  version: number;
  createdAt: string;
}
export interface ClusterInput {
  name: string;
  regionCode: string;
  memberMode: MemberMode;
  tag?: string;
  industry?: string;
  description?: string;
}
export interface ClusterQuery extends PageQuery {
  q?: string;
  regionCode?: string;
}

export interface Member {
  enterpriseId?: string;
  uscc: string;
  name: string;
  regionCode?: string | null;
  addedAt?: string | null;
}

export interface InspectionResult {
  uscc: string;
  name?: string | null;
  taskId: string;
  itemName: string;
  inspectedOn: string | null;
  completedOn: string;
  resultCategory: string | null;
  findings: string[];
}
export interface ComplaintCount {
  uscc: string;
  name?: string | null;
  count: number;
  substantiated?: number;
}
export interface ClusterCase {
  id: string;
  caseNo: string;
  stage: string;
  partyName: string;
  uscc?: string | null;
  decidedOn?: string | null;
}
/** `GET /api/clusters/:id/overview`: what the bureau knows of the members. Spot checks come with issue 19. */
export interface Overview {
  members: number;
  inspections: InspectionResult[];
  complaints: ComplaintCount[];
  cases: ClusterCase[];
  spotChecks: unknown[];
}

export interface Evidence {
  type: EvidenceType;
  ref: string;
  label: string;
}
export interface Problem {
  title: string;
  detail: string;
  evidence: Evidence[];
}
export interface RiskNotice {
  id: string;
  clusterId: string;
  documentNo: string;
  government: string;
  issuedOn: string;
  problems: Problem[];
  recommendations: string;
  replyDueOn: string;
  status: NoticeStatus;
  repliedOn?: string | null;
  reply?: string | null;
  followUps: { on: string; note: string; byName: string }[];
  closedOn?: string | null;
  createdByName: string;
  version: number;
  createdAt: string;
}
export interface NoticeInput {
  government: string;
  issuedOn?: string;
  problems: Problem[];
  recommendations: string;
  replyDueOn: string;
}

export interface Measure {
  id: string;
  kind: MeasureKind;
  takenOn: string;
  description: string;
  createdByName: string;
  createdAt: string;
}
export interface MeasureInput {
  kind: MeasureKind;
  takenOn: string;
  description: string;
}
export interface DemonstrationInput {
  demonstrationZone: boolean;
  demonstrationOn?: string;
  note?: string;
}

/** The detail may carry the notices and measures; the pages read them from their own routes otherwise. */
export interface ClusterDetail extends Cluster {
  riskNotices?: RiskNotice[];
  measures?: Measure[];
}

const path = (id: string) => `/api/clusters/${enc(id)}`;
const notice = (id: string) => `/api/cluster-risk-notices/${enc(id)}`;

export const clustersApi = {
  list: (q: ClusterQuery) => api.get<ListResult<Cluster>>('/api/clusters', q),
  get: (id: string) => api.get<ClusterDetail>(path(id)),
  create: (input: ClusterInput) => api.post<Cluster>('/api/clusters', input),
  members: (id: string) => api.get<ListResult<Member>>(`${path(id)}/members`, { pageSize: 500 }),
  addMember: (id: string, uscc: string) => api.post<unknown>(`${path(id)}/members`, { uscc }),
  removeMember: (id: string, uscc: string) => api.del<unknown>(`${path(id)}/members/${enc(uscc)}`),
  overview: (id: string) => api.get<Overview>(`${path(id)}/overview`),
  demonstration: (c: Cluster, input: DemonstrationInput) => api.put<Cluster>(`${path(c.id)}/demonstration`, input, c.version),

  notices: (id: string) => api.get<ListResult<RiskNotice>>(`${path(id)}/risk-notices`),
  issue: (id: string, input: NoticeInput) => api.post<RiskNotice>(`${path(id)}/risk-notices`, input),
  documentUrl: (noticeId: string) => `${notice(noticeId)}/document`,
  reply: (n: RiskNotice, input: { repliedOn: string; reply: string }) => api.post<RiskNotice>(`${notice(n.id)}/reply`, input, n.version),
  followUp: (n: RiskNotice, input: { on: string; note: string }) => api.post<RiskNotice>(`${notice(n.id)}/follow-ups`, input, n.version),
  close: (n: RiskNotice) => api.post<RiskNotice>(`${notice(n.id)}/close`, {}, n.version),

  measures: (id: string) => api.get<ListResult<Measure>>(`${path(id)}/measures`),
  addMeasure: (id: string, input: MeasureInput) => api.post<Measure>(`${path(id)}/measures`, input),
};

export const clusterPath = (id: string) => `/clusters/${enc(id)}`;
export const casePath = (id: string) => `/cases/${enc(id)}`;
export const taskPath = (id: string) => `/inspection-tasks/${enc(id)}`;
