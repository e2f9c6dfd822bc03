/**
 * Calls of the cluster pages (issue 18: 产业集聚区 and 质量风险提示函; clusters/ of the cases
 * module); the types derived from the generated OpenAPI schema.
 */
import { api } from '../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../api/types';

const enc = encodeURIComponent;

/** A row of the cluster list. */
export type ClusterRow = ResponseOf<'/api/clusters', 'get'>['items'][number];
export type Cluster = ResponseOf<'/api/clusters/{id}', 'get'>;
export type ClusterInput = BodyOf<'/api/clusters', 'post'>;
export type ClusterQuery = QueryOf<'/api/clusters', 'get'>;
export type MemberMode = Cluster['memberMode'];
export type Member = ResponseOf<'/api/clusters/{id}/members', 'get'>['items'][number];
/** `GET /api/clusters/:id/overview`: the members' inspection results, spot checks, complaints, cases, notices and measures. */
export type Overview = ResponseOf<'/api/clusters/{id}/overview', 'get'>;
export type InspectionResult = Overview['inspections']['items'][number];
export type ComplaintCount = Overview['complaints']['byEnterprise'][number];
export type ClusterCase = Overview['cases']['items'][number];
/** A member's spot-check sample with its final conclusion (the last three spot-check years). */
export type SpotCheckResult = Overview['spotChecks']['items'][number];
export type SpotCheckFollowupStage = NonNullable<SpotCheckResult['followupStage']>;
export type RiskNotice = ResponseOf<'/api/cluster-risk-notices/{id}', 'get'>;
export type NoticeInput = BodyOf<'/api/clusters/{id}/risk-notices', 'post'>;
export type Problem = RiskNotice['problems'][number];
export type Evidence = Problem['evidence'][number];
export type EvidenceType = Evidence['type'];
export type NoticeStatus = RiskNotice['status'];
export type Measure = ResponseOf<'/api/clusters/{id}/measures', 'get'>['items'][number];
export type MeasureInput = BodyOf<'/api/clusters/{id}/measures', 'post'>;
export type MeasureKind = Measure['kind'];
export type DemonstrationInput = BodyOf<'/api/clusters/{id}/demonstration', 'put'>;

// Enumerations in display order; a Record makes the compiler insist on every value.
const MODE_ORDER: Record<MemberMode, number> = { tag: 1, list: 2 };
export const MEMBER_MODES = Object.keys(MODE_ORDER) as MemberMode[];
const MEASURE_ORDER: Record<MeasureKind, number> = { enforcement_advice: 1, technical_guidance: 2, public_guidance: 3, other: 4 };
export const MEASURE_KINDS = Object.keys(MEASURE_ORDER) as MeasureKind[];
const EVIDENCE_ORDER: Record<EvidenceType, number> = { inspection_task: 1, case: 2, complaint: 3, spot_check: 4, text: 5 };
export const EVIDENCE_TYPES = Object.keys(EVIDENCE_ORDER) as EvidenceType[];

const path = (id: string) => `/api/clusters/${enc(id)}`;
const notice = (id: string) => `/api/cluster-risk-notices/${enc(id)}`;

export const clustersApi = {
  list: (q: ClusterQuery) => api.get<ListResult<ClusterRow>>('/api/clusters', q),
  get: (id: string) => api.get<Cluster>(path(id)),
  create: (input: ClusterInput) => api.post<Cluster>('/api/clusters', input),
  members: (id: string, q?: string) => api.get<ListResult<Member>>(`${path(id)}/members`, { q, pageSize: 500 }),
  addMember: (id: string, uscc: string) => api.post<unknown>(`${path(id)}/members`, { uscc }),
  removeMember: (id: string, uscc: string) => api.del<unknown>(`${path(id)}/members/${enc(uscc)}`),
  overview: (id: string) => api.get<Overview>(`${path(id)}/overview`),
  demonstration: (c: Cluster, input: DemonstrationInput) => api.put<Cluster>(`${path(c.id)}/demonstration`, input, c.version),

  notices: (id: string) => api.get<ListResult<RiskNotice>>(`${path(id)}/risk-notices`, { pageSize: 100 }),
  issue: (id: string, input: NoticeInput) => api.post<RiskNotice>(`${path(id)}/risk-notices`, input),
  documentUrl: (noticeId: string) => `${notice(noticeId)}/document`,
  reply: (n: RiskNotice, input: { repliedOn: string; reply: string }) => api.post<RiskNotice>(`${notice(n.id)}/reply`, input, n.version),
  followUp: (n: RiskNotice, input: { on: string; note: string }) => api.post<RiskNotice>(`${notice(n.id)}/follow-ups`, input, n.version),
  close: (n: RiskNotice) => api.post<RiskNotice>(`${notice(n.id)}/close`, {}, n.version),

  measures: (id: string) => api.get<ListResult<Measure>>(`${path(id)}/measures`, { pageSize: 100 }),
  addMeasure: (id: string, input: MeasureInput) => api.post<Measure>(`${path(id)}/measures`, input),
};

export const clusterPath = (id: string) => `/clusters/${enc(id)}`;
export const casePath = (id: string) => `/cases/${enc(id)}`;
export const taskPath = (id: string) => `/inspection-tasks/${enc(id)}`;
