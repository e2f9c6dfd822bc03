/**
 * Calls of the complaints pages (issue 17's Contract, server/src/modules/complaints). The types
 * follow the contract and the parts' route schemas; once `npm run api:gen` has the routes they can
 * be derived with ResponseOf/BodyOf like the other modules'.
 */
import { api, buildUrl } from '../../api/client';
import type { ExportFormat, ImportResult, ListResult, PageQuery } from '../../api/types';
import { exportUrl, importFile, type ImportMode } from '../../app/files/files.api';

export type ComplaintKind = 'complaint' | 'report' | 'enquiry' | 'suggestion';
export type ComplaintStatus = 'received' | 'accepted' | 'refused' | 'mediating' | 'verifying' | 'closed';
export type ComplaintChannel = 'web' | 'open311' | 'phone' | 'letter' | 'visit' | 'transfer_12315' | 'transfer_agency';
export type DeadlineKind = 'accept' | 'mediation' | 'verify' | 'notify';
export type ComplaintAction = 'accept' | 'refuse' | 'route' | 'mediate' | 'verify' | 'extend' | 'notify_reporter' | 'close' | 'link';
export type LinkTarget = 'inspection_task' | 'equipment_hazard' | 'licence_lead' | 'licence_exit' | 'case';
export type RewardStatus = 'proposed' | 'approved' | 'rejected' | 'paid';

// Enumerations in display order; a Record makes the compiler insist on every value.
const KIND_ORDER: Record<ComplaintKind, number> = { complaint: 1, report: 2, enquiry: 3, suggestion: 4 };
export const COMPLAINT_KINDS = Object.keys(KIND_ORDER) as ComplaintKind[];
const STATUS_ORDER: Record<ComplaintStatus, number> = { received: 1, accepted: 2, mediating: 3, verifying: 4, refused: 5, closed: 6 };
export const COMPLAINT_STATUSES = Object.keys(STATUS_ORDER) as ComplaintStatus[];
const CHANNEL_ORDER: Record<ComplaintChannel, number> = { web: 1, open311: 2, phone: 3, letter: 4, visit: 5, transfer_12315: 6, transfer_agency: 7 };
export const COMPLAINT_CHANNELS = Object.keys(CHANNEL_ORDER) as ComplaintChannel[];
/** The channels a hotline operator enters (the public site and Open311 file themselves). */
export const STAFF_CHANNELS: ComplaintChannel[] = ['phone', 'letter', 'visit', 'transfer_12315', 'transfer_agency'];
const TARGET_ORDER: Record<LinkTarget, number> = { inspection_task: 1, equipment_hazard: 2, licence_lead: 3, licence_exit: 4, case: 5 };
export const LINK_TARGETS = Object.keys(TARGET_ORDER) as LinkTarget[];
const REWARD_ORDER: Record<RewardStatus, number> = { proposed: 1, approved: 2, rejected: 3, paid: 4 };
export const REWARD_STATUSES = Object.keys(REWARD_ORDER) as RewardStatus[];

/** One legal clock: due in working days (`certain: false` when a year without holiday data was crossed). */
export interface Deadline {
  kind: DeadlineKind;
  dueOn: string;
  certain: boolean;
  metOn: string | null;
  /** `overdue`: not done and past its due date. */
  state: 'open' | 'overdue' | 'met' | 'missed' | 'cancelled';
  extended?: boolean;
  startedOn?: string;
  workingDays?: number;
  cancelledOn?: string | null;
}

/** The reporter as shown: masked (张*, 138****5678), or in full after an audited reveal; null when anonymous. */
export interface Reporter {
  name: string | null;
  phone: string | null;
  idNumber?: string | null;
  address?: string | null;
  email?: string | null;
}

export interface ComplaintRow {
  id: string;
  trackingNo: string;
  kind: ComplaintKind;
  channel: ComplaintChannel;
  status: ComplaintStatus;
  urgent: boolean;
  topic: string;
  topicName?: string | null;
  category?: string | null;
  categoryName?: string | null;
  regionCode: string;
  orgId: string;
  orgName?: string | null;
  sectionName?: string | null;
  subjectName: string | null;
  subjectUscc: string | null;
  equipmentRegistrationNo?: string | null;
  receivedAt: string;
  handlerName?: string | null;
  /** In the detail; a list row answers only `reporter` (null when anonymous). */
  anonymous?: boolean;
  reporter: Reporter | null;
  regionName?: string | null;
  handlerId?: string | null;
  acknowledgedAt?: string | null;
  closedAt?: string | null;
  /** The open clock due first, if any (the list's "next clock"). */
  nextClock?: Pick<Deadline, 'kind' | 'dueOn' | 'certain' | 'state'> | null;
  deadlines?: Deadline[];
}

export interface TimelineEvent {
  id: string;
  kind: string;
  at: string;
  actorKind?: 'public' | 'staff' | 'enterprise' | 'system';
  actorName: string | null;
  fromOrgName?: string | null;
  toOrgName?: string | null;
  note: string | null;
  public: boolean;
}

export interface ComplaintFile {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  source: 'reporter' | 'staff' | 'enterprise';
  createdAt: string;
}

export interface ComplaintLink {
  id?: string;
  targetType: LinkTarget;
  targetId: string;
  label: string;
  createdAt?: string;
  createdByName?: string | null;
}

export interface Reward {
  id: string;
  complaintId: string;
  trackingNo: string;
  regionCode?: string;
  subjectName?: string | null;
  rulesVersion?: number;
  status: RewardStatus;
  basis: 'fine_percent' | 'scale';
  caseFine: string | number | null;
  level: string | null;
  amount: string | number;
  reason: string;
  proposedByName: string;
  proposedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  paidOn: string | null;
  paymentRef: string | null;
  version: number;
}

export interface Complaint extends ComplaintRow {
  anonymous: boolean;
  channelRef: string | null;
  sectionId: string | null;
  subjectEnterpriseId: string | null;
  equipmentId: string | null;
  product: string | null;
  place: string | null;
  occurredOn: string | null;
  description: string;
  receivedOn: string;
  escalatedAt?: string | null;
  decidedOn?: string | null;
  refusalReason: string | null;
  mediationResult: 'agreed' | 'failed' | null;
  substantiated: boolean | null;
  caseOpened: boolean | null;
  result: string | null;
  publicResult: string | null;
  enterpriseAnswer?: string | null;
  enterpriseAnsweredAt?: string | null;
  satisfaction?: { satisfied: boolean; comment: string | null; at: string } | null;
  deadlines: Deadline[];
  files?: ComplaintFile[];
  timeline?: TimelineEvent[];
  links?: ComplaintLink[];
  allowedActions: ComplaintAction[];
  /** A complaint over three years old: `accept` answers 409 COMPLAINT_TOO_OLD, `refuse` proposes 「超过三年」. */
  tooOld?: boolean;
  reporterRevealed?: boolean;
  reporterNotified?: boolean;
  version: number;
}

export interface ComplaintQuery extends PageQuery {
  kind?: ComplaintKind;
  status?: ComplaintStatus;
  topic?: string;
  regionCode?: string;
  overdue?: boolean;
  urgent?: boolean;
  q?: string;
}

export interface Topic {
  key: string;
  name: string;
  nameEn?: string;
  sectionId: string | null;
  sectionName?: string | null;
  sort?: number;
  version: number;
}

export interface Category {
  key: string;
  topic: string;
  name: string;
  nameEn?: string;
  urgent: boolean;
  active: boolean;
  sort?: number;
  version: number;
}

export interface RewardRules {
  mode: 'fine_percent' | 'scale';
  percent: number;
  min: number;
  max: number;
  scale: { level: string; name: string; amount: number }[];
}

/** The rules in force: the latest version. */
export interface RewardRulesVersion extends RewardRules {
  version: number;
  createdAt: string;
}

/** The hotline entry (intake's `enter`). */
export interface EntryInput {
  channel: ComplaintChannel;
  channelRef?: string;
  receivedOn?: string;
  kind: ComplaintKind;
  subjectUscc?: string;
  subjectName?: string;
  equipmentRegistrationNo?: string;
  product?: string;
  topic?: string;
  category?: string;
  regionCode?: string;
  place?: string;
  occurredOn?: string;
  description: string;
  reporter?: { name: string; phone: string; idNumber?: string; address?: string; email?: string };
}

export interface Entered {
  id: string;
  trackingNo: string;
  accessCode: string;
}

export interface EnterpriseHit {
  uscc: string;
  name: string;
  regionCode?: string;
}

export type RewardQuery = PageQuery & { status?: RewardStatus; complaintId?: string };

const enc = encodeURIComponent;
const path = (id: string) => `/api/complaints/${enc(id)}`;

/** Multipart of a JSON body (field `data`) and files (field `files`), for the routes taking both. */
function formOf(body: object, files: File[]): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null || value === '') continue;
    form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  for (const file of files) form.append('files', file, file.name);
  return form;
}

export const complaintsApi = {
  list: (q: ComplaintQuery) => api.get<ListResult<ComplaintRow>>('/api/complaints', q),
  get: (id: string, reveal = false) => api.get<Complaint>(path(id), reveal ? { reveal: true } : undefined),
  /** One action of `allowedActions`, with the version it was loaded with (412 when it changed). */
  act: (c: Pick<Complaint, 'id' | 'version'>, body: { action: ComplaintAction } & Record<string, unknown>) => api.post<Complaint>(`${path(c.id)}/actions`, body, c.version),
  acknowledge: (c: Pick<Complaint, 'id' | 'version'>) => api.post<Complaint>(`${path(c.id)}/acknowledge`, {}, c.version),
  fileUrl: (id: string, fileId: string) => `${path(id)}/files/${enc(fileId)}`,
  exportUrl: (format: ExportFormat, q: ComplaintQuery) => exportUrl('/api/complaints/export', format, q),

  enter: (input: EntryInput, files: File[]) =>
    files.length ? api.postForm<Entered>('/api/complaints', formOf(input, files)) : api.post<Entered>('/api/complaints', input),
  import: (file: File, mode: ImportMode): Promise<ImportResult> => importFile('/api/complaints/import', file, mode),
  templateUrl: (format: ExportFormat) => buildUrl('/api/complaints/import/template', { format }),

  enterprises: (q: string) => api.get<ListResult<EnterpriseHit>>('/api/enterprises', { q, pageSize: 20 }),

  topics: () => api.get<ListResult<Topic>>('/api/complaint-topics'),
  updateTopic: (t: Topic, input: { name?: string; nameEn?: string; sectionId?: string | null }) => api.patch<Topic>(`/api/complaint-topics/${enc(t.key)}`, input, t.version),
  categories: () => api.get<ListResult<Category>>('/api/complaint-categories'),
  createCategory: (input: { key: string; topic: string; name: string; nameEn: string; urgent?: boolean }) => api.post<Category>('/api/complaint-categories', input),
  updateCategory: (c: Category, input: { name?: string; nameEn?: string; topic?: string; urgent?: boolean; active?: boolean }) => api.patch<Category>(`/api/complaint-categories/${enc(c.key)}`, input, c.version),

  rewardRules: () => api.get<RewardRulesVersion>('/api/complaint-reward-rules'),
  /** A new version of the rules; `basedOn` the version edited (If-Match: 412 when another was published meanwhile). */
  saveRewardRules: (rules: RewardRules, basedOn?: number) => api.post<RewardRulesVersion>('/api/complaint-reward-rules', rules, basedOn),
  rewards: (q: RewardQuery) => api.get<ListResult<Reward>>('/api/complaint-rewards', q),
  proposeReward: (complaintId: string, input: { caseFine?: number; level?: string; reason: string }) => api.post<Reward>(`${path(complaintId)}/rewards`, input),
  decideReward: (r: Reward, input: { approve: boolean; note?: string }) => api.post<Reward>(`/api/complaint-rewards/${enc(r.id)}/decision`, input, r.version),
  payReward: (r: Reward, input: { paidOn: string; paymentRef: string }) => api.post<Reward>(`/api/complaint-rewards/${enc(r.id)}/payment`, input, r.version),
};
