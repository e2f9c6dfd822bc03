/**
 * Calls of the enforcement-case pages (issue 18's Contract; /work/notes/API-SPEC.md and
 * server/src/modules/cases/README.md list the routes and bodies). The shapes are written here from
 * the contract while the server's routes land; once `npm run api:gen` has them they can be derived
 * from the generated schema (ResponseOf/BodyOf) like the complaints module's.
 */
import { api, buildUrl } from '../../api/client';
import type { ListResult, PageQuery } from '../../api/types';

// Enumerations in display order; a Record makes the compiler insist on every value.
export type CaseStage = 'lead' | 'declined' | 'investigating' | 'reviewing' | 'notified' | 'hearing' | 'decided' | 'served' | 'executing' | 'closed' | 'transferred';
const STAGE_ORDER: Record<CaseStage, number> = { lead: 1, investigating: 2, reviewing: 3, notified: 4, hearing: 5, decided: 6, served: 7, executing: 8, closed: 9, declined: 10, transferred: 11 };
export const CASE_STAGES = Object.keys(STAGE_ORDER) as CaseStage[];

export type LeadSource = 'unlicensed_lead' | 'inspection_finding' | 'complaint' | 'equipment_hazard' | 'department' | 'manual';
const SOURCE_ORDER: Record<LeadSource, number> = { unlicensed_lead: 1, inspection_finding: 2, complaint: 3, equipment_hazard: 4, department: 5, manual: 6 };
export const LEAD_SOURCES = Object.keys(SOURCE_ORDER) as LeadSource[];
/** The sources whose lead is a record of another module (`leadId` needed). */
export const SOURCES_WITH_RECORD: readonly LeadSource[] = ['unlicensed_lead', 'inspection_finding', 'complaint', 'equipment_hazard'];

export type CaseAction =
  | 'open'
  | 'decline'
  | 'add_evidence'
  | 'submit_review'
  | 'review'
  | 'notify'
  | 'record_defence'
  | 'hold_hearing'
  | 'decide'
  | 'serve'
  | 'record_payment'
  | 'apply_enforcement'
  | 'close'
  | 'extend'
  | 'transfer'
  | 'supervise'
  | 'report_progress'
  | 'add_party';

export type PenaltyType = 'warning' | 'criticism' | 'fine' | 'confiscation_gains' | 'confiscation' | 'suspension' | 'revocation';
const PENALTY_ORDER: Record<PenaltyType, number> = { warning: 1, criticism: 2, fine: 3, confiscation_gains: 4, confiscation: 5, suspension: 6, revocation: 7 };
export const PENALTY_TYPES = Object.keys(PENALTY_ORDER) as PenaltyType[];
/** The penalty types with an amount in yuan. */
export const WITH_AMOUNT: readonly PenaltyType[] = ['fine', 'confiscation_gains'];

export type EvidenceKind = 'document' | 'physical' | 'inquiry' | 'onsite' | 'seizure' | 'sealing' | 'sampling' | 'electronic' | 'other';
const EVIDENCE_ORDER: Record<EvidenceKind, number> = { document: 1, physical: 2, inquiry: 3, onsite: 4, seizure: 5, sealing: 6, sampling: 7, electronic: 8, other: 9 };
export const EVIDENCE_KINDS = Object.keys(EVIDENCE_ORDER) as EvidenceKind[];

export type DocumentKind = 'filing_approval' | 'inquiry_record' | 'penalty_notice' | 'penalty_decision' | 'closing_report';
export const DOCUMENT_KINDS: DocumentKind[] = ['filing_approval', 'inquiry_record', 'penalty_notice', 'penalty_decision', 'closing_report'];

export type DiscretionLevel = 'exempt' | 'mitigated' | 'lighter' | 'ordinary' | 'heavier';
export type PublicationStatus = 'pending' | 'published' | 'not_published' | 'removed';

export interface Penalty {
  type: PenaltyType;
  amount?: number | null;
  licenceId?: string | null;
  note?: string | null;
}

export interface IntendedPenalty {
  penalties: Penalty[];
  wording: string;
  violation: string;
  legalBasis: string;
  discretionRuleKey: string | null;
  discretionLevel: string | null;
}

export interface CaseDeadline {
  dueOn: string;
  certain: boolean;
  extended?: boolean;
}

export interface CaseParty {
  id: string;
  role: 'lead' | 'assisting';
  orgId: string | null;
  name: string;
}

/** `GET /api/cases/:id`, also the answer of every action. */
export interface Case {
  id: string;
  caseNo: string;
  stage: CaseStage;
  stageBeforeTransfer: CaseStage | null;
  leadSource: LeadSource;
  leadId: string | null;
  leadRef: string | null;
  uscc: string | null;
  partyName: string;
  partyAddress: string | null;
  summary: string;
  foundOn: string;
  regionCode: string;
  orgId: string;
  orgName: string | null;
  campaignId: string | null;
  leadDueOn: string;
  leadDueCertain: boolean;
  leadExtended: boolean;
  declinedOn: string | null;
  declineReason: string | null;
  openedOn: string | null;
  openedByName: string | null;
  investigatorIds: string[];
  investigatorNames: string[];
  decisionDueOn: string | null;
  decisionExtended: boolean;
  reviewerName: string | null;
  reviewedOn: string | null;
  reviewResult: 'approved' | 'returned' | null;
  reviewOpinion: string | null;
  noticeNo: string | null;
  notifiedOn: string | null;
  intendedPenalty: IntendedPenalty | null;
  defenceDueOn: string | null;
  defenceRecordedOn: string | null;
  defenceStatement: string | null;
  hearingRequested: boolean;
  hearingHeldOn: string | null;
  hearingRecord: string | null;
  documentNo: string | null;
  decidedOn: string | null;
  decidedByName: string | null;
  penalties: Penalty[] | null;
  penaltyText: string | null;
  violation: string | null;
  legalBasis: string | null;
  discretionRuleKey: string | null;
  discretionLevel: string | null;
  amountDue: number | null;
  amountPaid: number | null;
  servedOn: string | null;
  serviceMethod: string | null;
  paidOn: string | null;
  enforcementAppliedOn: string | null;
  enforcementCourt: string | null;
  closedOn: string | null;
  closingSummary: string | null;
  supervised: boolean;
  joint: boolean;
  transferred: boolean;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  parties: CaseParty[];
  allowedActions: CaseAction[];
  deadlines: { lead?: CaseDeadline; decision?: CaseDeadline; defence?: CaseDeadline; overdue: boolean };
  supervision: null | { reason: string; startedOn: string; nextReportDueOn: string | null; overdueReports: number };
  publication: null | { status: PublicationStatus; dueOn: string; publishedOn: string | null; publicUntil: string | null };
}

export interface CaseRow {
  id: string;
  caseNo: string;
  stage: CaseStage;
  partyName: string;
  uscc: string | null;
  summary: string;
  regionCode: string;
  orgName: string | null;
  foundOn: string;
  openedOn: string | null;
  decidedOn: string | null;
  supervised: boolean;
  joint: boolean;
  transferred: boolean;
  overdue: boolean;
  nextDueOn: string | null;
  /** Whether the next due date is certain (counted over a year with holiday data); absent = certain. */
  nextDueCertain?: boolean;
  leadSource: LeadSource;
  version: number;
}

export interface CaseQuery {
  stage?: CaseStage;
  regionCode?: string;
  supervised?: boolean;
  joint?: boolean;
  overdue?: boolean;
  q?: string;
  leadSource?: LeadSource;
  campaignId?: string;
}

export interface NewCaseInput {
  leadSource: LeadSource;
  leadId?: string;
  uscc?: string;
  partyName: string;
  summary: string;
  foundOn: string;
}

export interface CaseEvent {
  id: string;
  action: string;
  fromStage: CaseStage | null;
  toStage: CaseStage | null;
  actorName: string | null;
  orgName?: string | null;
  note: string | null;
  at: string;
}

export interface CaseFile {
  id: string;
  fileName: string;
  contentType?: string;
  size: number;
  sha256: string;
  createdByName?: string;
  createdAt?: string;
}

export interface Evidence {
  id: string;
  kind: EvidenceKind;
  title: string;
  description: string | null;
  collectedOn: string;
  place: string | null;
  officerNames: string[];
  intervieweeMasked?: string | null;
  content: string | null;
  measureStartOn: string | null;
  measureEndOn: string | null;
  measureReleasedOn?: string | null;
  producedByName: string;
  createdByName: string;
  createdAt: string;
  files?: CaseFile[];
}

export interface PartyTask {
  id: string;
  partyId: string;
  title: string;
  dueOn: string | null;
  doneOn: string | null;
  doneNote: string | null;
  createdByName?: string;
}

export interface PartyWithTasks {
  id: string;
  role: 'lead' | 'assisting';
  orgId: string | null;
  name: string;
  externalName?: string | null;
  externalRegion?: string | null;
  contact?: string | null;
  addedOn?: string;
  addedByName?: string;
  tasks: PartyTask[];
}

export interface ProgressReport {
  id: string;
  dueOn: string;
  reportedOn: string | null;
  content: string | null;
  reportedByName: string | null;
  flaggedAt?: string | null;
}

export interface SupervisionView {
  supervision: null | {
    reason: string;
    documentNo?: string | null;
    startedOn: string;
    startedByName?: string;
    supervisingOrgName?: string;
    endedOn?: string | null;
  };
  reports: ProgressReport[];
}

export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
  description: string;
}

export interface Transfer {
  id: string;
  caseId: string;
  transferredOn: string;
  receivingOrgan: string;
  documentNo: string | null;
  reason: string;
  suspectedCrime: string | null;
  manifest: ManifestEntry[];
  packageSha256: string;
  receiptNo: string | null;
  receiptOn: string | null;
  decision: 'accepted' | 'not_accepted' | null;
  decisionOn: string | null;
  decisionReason: string | null;
  followUps: { on: string; note: string; byName: string }[];
  createdByName: string;
}

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
  area: string;
  violation: string;
  violatedProvision: string;
  penaltyProvision: string;
  levels: DiscretionLevelSpec[];
  active: boolean;
  sortOrder: number;
  version: number;
}

export interface ByLeadItem {
  id: string;
  caseNo: string;
  stage: CaseStage;
  partyName: string;
  openedOn?: string | null;
  decidedOn?: string | null;
}

const enc = encodeURIComponent;
export const casePath = (id: string) => `/cases/${enc(id)}`;
const path = (id: string) => `/api/cases/${enc(id)}`;

type Versioned = { id: string; version: number };

export const casesApi = {
  list: (q: CaseQuery & PageQuery) => api.get<ListResult<CaseRow>>('/api/cases', q),
  get: (id: string) => api.get<Case>(path(id)),
  create: (input: NewCaseInput) => api.post<Case>('/api/cases', input),
  /** One action of `allowedActions`, with the version it was loaded with (412 when it changed). */
  act: (c: Versioned, action: CaseAction, input: Record<string, unknown>) => api.post<Case>(`${path(c.id)}/actions`, { ...input, action }, c.version),
  events: (id: string) => api.get<{ items: CaseEvent[] }>(`${path(id)}/events`),
  evidence: (id: string) => api.get<{ items: Evidence[]; total?: number }>(`${path(id)}/evidence`),
  /** One attachment of a piece of evidence (multipart, field `file`, ≤ 20 MB). */
  uploadEvidenceFile: (id: string, evidenceId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.postForm<CaseFile>(`${path(id)}/evidence/${enc(evidenceId)}/files`, form);
  },
  fileUrl: (id: string, fileId: string) => `${path(id)}/files/${enc(fileId)}`,
  documentUrl: (id: string, kind: DocumentKind, evidenceId?: string) => buildUrl(`${path(id)}/documents/${kind}`, { evidenceId }),
  byLead: (source: LeadSource, leadId: string) => api.get<{ items: ByLeadItem[] }>('/api/cases/by-lead', { source, leadId }),

  parties: (id: string) => api.get<{ items: PartyWithTasks[] }>(`${path(id)}/parties`),
  addTask: (id: string, partyId: string, input: { title: string; dueOn?: string }) => api.post<PartyTask>(`${path(id)}/parties/${enc(partyId)}/tasks`, input),
  taskDone: (taskId: string, input: { note?: string }) => api.post<PartyTask>(`/api/case-party-tasks/${enc(taskId)}/done`, input),

  supervision: (id: string) => api.get<SupervisionView>(`${path(id)}/supervision`),

  transfers: (id: string) => api.get<{ items: Transfer[] }>(`${path(id)}/transfers`),
  packageUrl: (transferId: string) => `/api/case-transfers/${enc(transferId)}/package`,
  receipt: (transferId: string, input: { receiptNo: string; receiptOn: string }) => api.post<Transfer>(`/api/case-transfers/${enc(transferId)}/receipt`, input),
  policeDecision: (transferId: string, input: { decision: 'accepted' | 'not_accepted'; decisionOn: string; reason?: string }) =>
    api.post<Transfer>(`/api/case-transfers/${enc(transferId)}/decision`, input),
  followUp: (transferId: string, input: { on: string; note: string }) => api.post<Transfer>(`/api/case-transfers/${enc(transferId)}/follow-ups`, input),

  publish: (id: string, input: { publishedOn?: string }) => api.post<unknown>(`${path(id)}/publication/publish`, input),
  removePublication: (id: string, input: { reason: string; applicationDate?: string }) => api.post<unknown>(`${path(id)}/publication/remove`, input),

  discretionRules: () => api.get<ListResult<DiscretionRule>>('/api/case-discretion-rules', { pageSize: 200 }),
};
