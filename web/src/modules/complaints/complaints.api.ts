/**
 * Calls of the complaints pages (issue 17's Contract, server/src/modules/complaints; the handling,
 * routing, intake and rewards parts' READMEs list the routes and bodies).
 */
import { api, buildUrl, multipartOf } from '../../api/client';
import type { BodyOf, ExportFormat, ImportResult, ListResult, QueryOf, ResponseOf } from '../../api/types';
import { exportUrl, importFile, type ImportMode } from '../../app/files/files.api';

// The API's types, derived from the generated OpenAPI schema like those in api/types.ts.
export type Complaint = ResponseOf<'/api/complaints/{id}', 'get'>;
export type ComplaintRow = ResponseOf<'/api/complaints', 'get'>['items'][number];
export type ComplaintQuery = QueryOf<'/api/complaints', 'get'>;
export type ActionBody = BodyOf<'/api/complaints/{id}/actions', 'post'>;
export type Deadline = Complaint['deadlines'][number];
export type TimelineEvent = Complaint['timeline'][number];
export type ComplaintFile = Complaint['files'][number];
export type ComplaintLink = Complaint['links'][number];
/** The reporter as shown: masked (张*, 138****5678), or in full after an audited reveal; null when anonymous. */
export type Reporter = NonNullable<Complaint['reporter']>;
export type ComplaintKind = Complaint['kind'];
export type ComplaintStatus = Complaint['status'];
export type ComplaintChannel = Complaint['channel'];
export type DeadlineKind = Deadline['kind'];
export type ComplaintAction = Complaint['allowedActions'][number];
export type LinkTarget = ComplaintLink['targetType'];
export type Topic = ResponseOf<'/api/complaint-topics', 'get'>['items'][number];
export type Category = ResponseOf<'/api/complaint-categories', 'get'>['items'][number];
export type CategoryInput = BodyOf<'/api/complaint-categories', 'post'>;
export type CategoryChange = BodyOf<'/api/complaint-categories/{key}', 'patch'>;
export type TopicChange = BodyOf<'/api/complaint-topics/{key}', 'patch'>;
/** The rules in force: the latest version. */
export type RewardRulesVersion = ResponseOf<'/api/complaint-reward-rules', 'get'>;
export type RewardRules = BodyOf<'/api/complaint-reward-rules', 'post'>;
export type Reward = ResponseOf<'/api/complaint-rewards', 'get'>['items'][number];
export type RewardQuery = QueryOf<'/api/complaint-rewards', 'get'>;
export type RewardStatus = Reward['status'];
export type ProposeInput = BodyOf<'/api/complaints/{id}/rewards', 'post'>;
export type DecisionInput = BodyOf<'/api/complaint-rewards/{id}/decision', 'post'>;
export type PaymentInput = BodyOf<'/api/complaint-rewards/{id}/payment', 'post'>;
/** The hotline entry (JSON; with files the same fields go as multipart). */
export type EntryInput = NonNullable<BodyOf<'/api/complaints', 'post'>>;
export type Entered = ResponseOf<'/api/complaints', 'post'>;

// Enumerations in display order; a Record makes the compiler insist on every value.
const KIND_ORDER: Record<ComplaintKind, number> = { complaint: 1, report: 2, enquiry: 3, suggestion: 4 };
export const COMPLAINT_KINDS = Object.keys(KIND_ORDER) as ComplaintKind[];
const STATUS_ORDER: Record<ComplaintStatus, number> = { received: 1, accepted: 2, mediating: 3, verifying: 4, refused: 5, closed: 6 };
export const COMPLAINT_STATUSES = Object.keys(STATUS_ORDER) as ComplaintStatus[];
const CHANNEL_ORDER: Record<ComplaintChannel, number> = { web: 1, open311: 2, phone: 3, letter: 4, visit: 5, transfer_12315: 6, transfer_agency: 7 };
export const COMPLAINT_CHANNELS = Object.keys(CHANNEL_ORDER) as ComplaintChannel[];
/** The channels a hotline operator enters (the public site and Open311 file themselves). */
export const STAFF_CHANNELS: EntryInput['channel'][] = ['phone', 'letter', 'visit', 'transfer_12315', 'transfer_agency'];
const TARGET_ORDER: Record<LinkTarget, number> = { inspection_task: 1, equipment_hazard: 2, licence_lead: 3, licence_exit: 4, case: 5 };
export const LINK_TARGETS = Object.keys(TARGET_ORDER) as LinkTarget[];
const REWARD_ORDER: Record<RewardStatus, number> = { proposed: 1, approved: 2, rejected: 3, paid: 4 };
export const REWARD_STATUSES = Object.keys(REWARD_ORDER) as RewardStatus[];

export interface EnterpriseHit {
  uscc: string;
  name: string;
  regionCode?: string;
}

const enc = encodeURIComponent;
const path = (id: string) => `/api/complaints/${enc(id)}`;

export const complaintsApi = {
  list: (q: ComplaintQuery) => api.get<ListResult<ComplaintRow>>('/api/complaints', q),
  get: (id: string, reveal = false) => api.get<Complaint>(path(id), reveal ? { reveal: true } : undefined),
  /** One action of `allowedActions`, with the version it was loaded with (412 when it changed). */
  act: (c: Pick<Complaint, 'id' | 'version'>, body: ActionBody) => api.post<Complaint>(`${path(c.id)}/actions`, body, c.version),
  acknowledge: (c: Pick<Complaint, 'id' | 'version'>) => api.post<Complaint>(`${path(c.id)}/acknowledge`, {}, c.version),
  fileUrl: (id: string, fileId: string) => `${path(id)}/files/${enc(fileId)}`,
  exportUrl: (format: ExportFormat, q: ComplaintQuery) => exportUrl('/api/complaints/export', format, q),

  enter: (input: EntryInput, files: File[]) =>
    files.length ? api.postForm<Entered>('/api/complaints', multipartOf(input, files)) : api.post<Entered>('/api/complaints', input),
  import: (file: File, mode: ImportMode): Promise<ImportResult> => importFile('/api/complaints/import', file, mode),
  templateUrl: (format: ExportFormat) => buildUrl('/api/complaints/import/template', { format }),

  enterprises: (q: string) => api.get<ListResult<EnterpriseHit>>('/api/enterprises', { q, pageSize: 20 }),

  topics: () => api.get<ListResult<Topic>>('/api/complaint-topics'),
  updateTopic: (t: Topic, input: TopicChange) => api.patch<Topic>(`/api/complaint-topics/${enc(t.key)}`, input, t.version),
  categories: () => api.get<ListResult<Category>>('/api/complaint-categories'),
  createCategory: (input: CategoryInput) => api.post<Category>('/api/complaint-categories', input),
  updateCategory: (c: Category, input: CategoryChange) => api.patch<Category>(`/api/complaint-categories/${enc(c.key)}`, input, c.version),

  rewardRules: () => api.get<RewardRulesVersion>('/api/complaint-reward-rules'),
  /** A new version of the rules; `basedOn` the version edited (If-Match: 412 when another was published meanwhile). */
  saveRewardRules: (rules: RewardRules, basedOn?: number) => api.post<RewardRulesVersion>('/api/complaint-reward-rules', rules, basedOn),
  rewards: (q: RewardQuery) => api.get<ListResult<Reward>>('/api/complaint-rewards', q),
  proposeReward: (complaintId: string, input: ProposeInput) => api.post<Reward>(`${path(complaintId)}/rewards`, input),
  decideReward: (r: Reward, input: DecisionInput) => api.post<Reward>(`/api/complaint-rewards/${enc(r.id)}/decision`, input, r.version),
  payReward: (r: Reward, input: PaymentInput) => api.post<Reward>(`/api/complaint-rewards/${enc(r.id)}/payment`, input, r.version),
};
