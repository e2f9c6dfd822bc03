/**
 * Calls of the enforcement-case pages (issue 18's Contract; /work/notes/API-SPEC.md and
 * server/src/modules/cases/README.md list the routes and bodies). The shapes are derived from the
 * generated OpenAPI schema (ResponseOf/BodyOf/QueryOf), like the complaints module's.
 */
import { api, buildUrl } from '../../api/client';
import type { BodyOf, ListResult, PageQuery, QueryOf, ResponseOf } from '../../api/types';

// Enumerations in display order; a Record makes the compiler insist on every value.
export type CaseStage = Case['stage'];
const STAGE_ORDER: Record<CaseStage, number> = { lead: 1, investigating: 2, reviewing: 3, notified: 4, hearing: 5, decided: 6, served: 7, executing: 8, closed: 9, declined: 10, transferred: 11 };
export const CASE_STAGES = Object.keys(STAGE_ORDER) as CaseStage[];

export type LeadSource = Case['leadSource'];
const SOURCE_ORDER: Record<LeadSource, number> = { unlicensed_lead: 1, inspection_finding: 2, complaint: 3, equipment_hazard: 4, spot_check: 5, department: 6, manual: 7 };
export const LEAD_SOURCES = Object.keys(SOURCE_ORDER) as LeadSource[];
/** The sources whose lead is a record of another module (`leadId` needed). */
export const SOURCES_WITH_RECORD: readonly LeadSource[] = ['unlicensed_lead', 'inspection_finding', 'complaint', 'equipment_hazard', 'spot_check'];

export type CaseAction = Case['allowedActions'][number];

export type PenaltyType = Penalty['type'];
const PENALTY_ORDER: Record<PenaltyType, number> = { warning: 1, criticism: 2, fine: 3, confiscation_gains: 4, confiscation: 5, suspension: 6, revocation: 7 };
export const PENALTY_TYPES = Object.keys(PENALTY_ORDER) as PenaltyType[];
/** The penalty types with an amount in yuan. */
export const WITH_AMOUNT: readonly PenaltyType[] = ['fine', 'confiscation_gains'];

export type EvidenceKind = Evidence['kind'];
const EVIDENCE_ORDER: Record<EvidenceKind, number> = { document: 1, physical: 2, inquiry: 3, onsite: 4, seizure: 5, sealing: 6, sampling: 7, electronic: 8, other: 9 };
export const EVIDENCE_KINDS = Object.keys(EVIDENCE_ORDER) as EvidenceKind[];

/** The case's documents (GET /api/cases/:id/documents/:kind). */
export type DocumentKind = 'filing_approval' | 'inquiry_record' | 'penalty_notice' | 'penalty_decision' | 'closing_report';
export const DOCUMENT_KINDS: DocumentKind[] = ['filing_approval', 'inquiry_record', 'penalty_notice', 'penalty_decision', 'closing_report'];

// The API's types, derived from the generated OpenAPI schema like those in api/types.ts.
export type Case = ResponseOf<'/api/cases/{id}', 'get'>;
export type CaseRow = ResponseOf<'/api/cases', 'get'>['items'][number];
export type CaseQuery = QueryOf<'/api/cases', 'get'>;
export type NewCaseInput = BodyOf<'/api/cases', 'post'>;
export type ActionBody = BodyOf<'/api/cases/{id}/actions', 'post'>;
export type Penalty = NonNullable<Case['penalties']>[number];
export type IntendedPenalty = NonNullable<Case['intendedPenalty']>;
export type CaseParty = Case['parties'][number];
export type CaseEvent = ResponseOf<'/api/cases/{id}/events', 'get'>['items'][number];
export type Evidence = ResponseOf<'/api/cases/{id}/evidence', 'get'>['items'][number];
export type CaseFile = Evidence['files'][number];
export type PartyWithTasks = ResponseOf<'/api/cases/{id}/parties', 'get'>['items'][number];
export type PartyTask = PartyWithTasks['tasks'][number];
export type SupervisionView = ResponseOf<'/api/cases/{id}/supervision', 'get'>;
export type ProgressReport = SupervisionView['reports'][number];
export type Transfer = ResponseOf<'/api/cases/{id}/transfers', 'get'>['items'][number];
export type DiscretionRule = ResponseOf<'/api/case-discretion-rules', 'get'>['items'][number];
export type DiscretionLevelSpec = DiscretionRule['levels'][number];
export type ByLeadItem = ResponseOf<'/api/cases/by-lead', 'get'>['items'][number];
export type Publication = ResponseOf<'/api/cases/{id}/publication/publish', 'post'>;

const enc = encodeURIComponent;
export const casePath = (id: string) => `/cases/${enc(id)}`;
const path = (id: string) => `/api/cases/${enc(id)}`;

type Versioned = { id: string; version: number };

export const casesApi = {
  list: (q: CaseQuery & PageQuery) => api.get<ListResult<CaseRow>>('/api/cases', q),
  get: (id: string) => api.get<Case>(path(id)),
  create: (input: NewCaseInput) => api.post<Case>('/api/cases', input),
  /** One action of `allowedActions`, with the version it was loaded with (412 when it changed). */
  act: (c: Versioned, action: CaseAction, input: Record<string, unknown>) => api.post<Case>(`${path(c.id)}/actions`, { ...input, action } as ActionBody, c.version),
  events: (id: string) => api.get<{ items: CaseEvent[] }>(`${path(id)}/events`),
  evidence: (id: string) => api.get<{ items: Evidence[] }>(`${path(id)}/evidence`),
  /** One attachment of a piece of evidence (multipart, field `file`, ≤ 20 MB). */
  uploadEvidenceFile: (id: string, evidenceId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.postForm<ListResult<CaseFile>>(`${path(id)}/evidence/${enc(evidenceId)}/files`, form);
  },
  fileUrl: (id: string, fileId: string) => `${path(id)}/files/${enc(fileId)}`,
  documentUrl: (id: string, kind: DocumentKind, evidenceId?: string) => buildUrl(`${path(id)}/documents/${kind}`, { evidenceId }),
  byLead: (source: LeadSource, leadId: string) => api.get<{ items: ByLeadItem[] }>('/api/cases/by-lead', { source, leadId }),

  parties: (id: string) => api.get<ListResult<PartyWithTasks>>(`${path(id)}/parties`),
  addTask: (id: string, partyId: string, input: { title: string; dueOn?: string }) => api.post<PartyTask>(`${path(id)}/parties/${enc(partyId)}/tasks`, input),
  taskDone: (taskId: string, input: { note?: string }) => api.post<PartyTask>(`/api/case-party-tasks/${enc(taskId)}/done`, input),

  supervision: (id: string) => api.get<SupervisionView>(`${path(id)}/supervision`),

  transfers: (id: string) => api.get<ListResult<Transfer>>(`${path(id)}/transfers`),
  packageUrl: (transferId: string) => `/api/case-transfers/${enc(transferId)}/package`,
  receipt: (transferId: string, input: { receiptNo: string; receiptOn: string }) => api.post<Transfer>(`/api/case-transfers/${enc(transferId)}/receipt`, input),
  policeDecision: (transferId: string, input: { decision: 'accepted' | 'not_accepted'; decisionOn: string; reason?: string }) =>
    api.post<Transfer>(`/api/case-transfers/${enc(transferId)}/decision`, input),
  followUp: (transferId: string, input: { on: string; note: string }) => api.post<Transfer>(`/api/case-transfers/${enc(transferId)}/follow-ups`, input),

  publish: (id: string, input: { publishedOn?: string }) => api.post<Publication>(`${path(id)}/publication/publish`, input),
  removePublication: (id: string, input: { reason: string; applicationDate?: string }) => api.post<Publication>(`${path(id)}/publication/remove`, input),

  discretionRules: () => api.get<ListResult<DiscretionRule>>('/api/case-discretion-rules', { pageSize: 200 }),
};
