/**
 * Calls of the case administration pages (issue 18: publication/, exchange/, decision/ discretion,
 * oversight/ transfer statistics); the types derived from the generated OpenAPI schema.
 */
import { api } from '../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../api/types';

const enc = encodeURIComponent;

// publication/
/** A row of the staff's publication ledger (`GET /api/penalty-publications`). */
export type Publication = ResponseOf<'/api/penalty-publications', 'get'>['items'][number];
export type PublicationQuery = QueryOf<'/api/penalty-publications', 'get'>;
export type PublicationStatus = Publication['status'];
/** The status as it stands today: a published decision past its period is `expired`. */
export type PublicationState = Publication['state'];
export type PenaltyType = Publication['penaltyTypes'][number];
export type PublishInput = NonNullable<BodyOf<'/api/cases/{id}/publication/publish', 'post'>>;
export type RemoveInput = BodyOf<'/api/cases/{id}/publication/remove', 'post'>;

// Enumerations in display order; a Record makes the compiler insist on every value.
const PENALTY_ORDER: Record<PenaltyType, number> = { warning: 1, criticism: 2, fine: 3, confiscation_gains: 4, confiscation: 5, suspension: 6, revocation: 7 };
export const PENALTY_TYPES = Object.keys(PENALTY_ORDER) as PenaltyType[];
const STATE_ORDER: Record<PublicationState, number> = { pending: 1, published: 2, expired: 3, not_published: 4, removed: 5 };
export const PUBLICATION_STATES = Object.keys(STATE_ORDER) as PublicationState[];

// decision/ discretion table
export type DiscretionRule = ResponseOf<'/api/case-discretion-rules/{key}', 'get'>;
export type DiscretionRuleInput = BodyOf<'/api/case-discretion-rules', 'post'>;
export type DiscretionRuleChange = BodyOf<'/api/case-discretion-rules/{key}', 'put'>;
export type DiscretionLevelSpec = DiscretionRule['levels'][number];
export type DiscretionLevel = DiscretionLevelSpec['level'];
export type ViolationArea = DiscretionRule['area'];
const LEVEL_ORDER: Record<DiscretionLevel, number> = { exempt: 1, mitigated: 2, lighter: 3, ordinary: 4, heavier: 5 };
export const DISCRETION_LEVELS = Object.keys(LEVEL_ORDER) as DiscretionLevel[];
const AREA_ORDER: Record<ViolationArea, number> = { product_quality: 1, standards: 2, metrology: 3, certification: 4, special_equipment: 5, licensing: 6, other: 7 };
export const VIOLATION_AREAS = Object.keys(AREA_ORDER) as ViolationArea[];

// exchange/
export type ExchangeGrant = ResponseOf<'/api/case-exchange-grants', 'get'>['items'][number];
export type GrantInput = BodyOf<'/api/case-exchange-grants/{orgId}', 'put'>;
export type ExchangeField = ExchangeGrant['fields'][number];
const FIELD_ORDER: Record<ExchangeField, number> = {
  caseNo: 1,
  stage: 2,
  partyName: 3,
  uscc: 4,
  summary: 5,
  foundOn: 6,
  openedOn: 7,
  violation: 8,
  legalBasis: 9,
  penaltyTypes: 10,
  penaltyText: 11,
  documentNo: 12,
  decidedOn: 13,
  amountDue: 14,
  closedOn: 15,
  transfers: 16,
  orgName: 17,
};
export const EXCHANGE_FIELDS = Object.keys(FIELD_ORDER) as ExchangeField[];

export type ExternalCase = ResponseOf<'/api/external-cases', 'get'>['items'][number];
export type ExternalCaseQuery = QueryOf<'/api/external-cases', 'get'>;

// oversight/ transfer statistics
export type TransferStats = ResponseOf<'/api/case-transfers/stats', 'get'>;
export type TransferStatsQuery = QueryOf<'/api/case-transfers/stats', 'get'>;

export const caseAdminApi = {
  publications: (q: PublicationQuery) => api.get<ListResult<Publication>>('/api/penalty-publications', q),
  /** With the row's version (If-Match: 412 when it changed meanwhile). */
  publish: (p: Publication, input: PublishInput) => api.post<unknown>(`/api/cases/${enc(p.caseId)}/publication/publish`, input, p.version),
  remove: (p: Publication, input: RemoveInput) => api.post<unknown>(`/api/cases/${enc(p.caseId)}/publication/remove`, input, p.version),

  rules: () => api.get<ListResult<DiscretionRule>>('/api/case-discretion-rules', { pageSize: 500 }),
  createRule: (input: DiscretionRuleInput) => api.post<DiscretionRule>('/api/case-discretion-rules', input),
  updateRule: (rule: DiscretionRule, input: DiscretionRuleChange) => api.put<DiscretionRule>(`/api/case-discretion-rules/${enc(rule.key)}`, input, rule.version),

  grants: () => api.get<ListResult<ExchangeGrant>>('/api/case-exchange-grants', { pageSize: 500 }),
  /** `version`: the grant's as loaded, 0 for a department without one (If-Match). */
  putGrant: (orgId: string, input: GrantInput, version: number) => api.put<ExchangeGrant>(`/api/case-exchange-grants/${enc(orgId)}`, input, version),

  externalCases: (q: ExternalCaseQuery) => api.get<ListResult<ExternalCase>>('/api/external-cases', q),

  transferStats: (q: TransferStatsQuery) => api.get<TransferStats>('/api/case-transfers/stats', q),
};

/** The staff page of a case (the cases module's route). */
export const casePath = (id: string) => `/cases/${enc(id)}`;
