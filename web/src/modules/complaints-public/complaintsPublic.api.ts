/**
 * Calls of the public complaint pages (submission, tracking) and the enterprise's own view
 * (企业端), after issue 17's Contract and API-SPEC.md (`PublicComplaint`).
 */
import { api, ApiError, buildUrl } from '../../api/client';
import type { ListResult, PageQuery } from '../../api/types';

export type ComplaintKind = 'complaint' | 'report' | 'enquiry' | 'suggestion';
export const COMPLAINT_KINDS: ComplaintKind[] = ['complaint', 'report', 'enquiry', 'suggestion'];
export type ComplaintStatus = 'received' | 'accepted' | 'refused' | 'mediating' | 'verifying' | 'closed';
export const STATUS_COLORS: Record<string, string> = { received: 'blue', accepted: 'cyan', refused: 'default', mediating: 'orange', verifying: 'gold', closed: 'green' };

export interface PublicCategory {
  key: string;
  name: string;
  nameEn?: string;
  urgent: boolean;
}
export interface PublicTopic {
  key: string;
  name: string;
  nameEn?: string;
  categories: PublicCategory[];
}
export interface PublicRegion {
  code: string;
  name: string;
}

export interface Reporter {
  name: string;
  phone: string;
  idNumber?: string;
  address?: string;
}

export interface SubmissionInput {
  kind: ComplaintKind;
  topic?: string;
  category?: string;
  subjectUscc?: string;
  subjectName?: string;
  equipmentRegistrationNo?: string;
  product?: string;
  regionCode?: string;
  place?: string;
  occurredOn?: string;
  description: string;
  reporter?: Reporter;
}

export interface Submitted {
  trackingNo: string;
  accessCode: string;
}

export interface PublicDeadline {
  kind: string;
  dueOn: string;
  certain: boolean;
  metOn: string | null;
  state: 'open' | 'met' | 'missed' | 'cancelled';
}

export interface PublicComplaint {
  trackingNo: string;
  kind: ComplaintKind;
  status: ComplaintStatus;
  topic?: string | null;
  receivedAt: string;
  deadlines: PublicDeadline[];
  publicResult: string | null;
  satisfaction: { satisfied: boolean; comment: string | null; at: string } | null;
  timeline?: { kind: string; at: string }[];
  reward?: { status: string; amount: number | string | null; paidOn: string | null } | null;
  canAddInformation?: boolean;
  canRate?: boolean;
}

/** The public enterprise record's few fields the form shows after a look-up by USCC. */
export interface FoundEnterprise {
  uscc: string;
  name: string;
}
export interface FoundUnit {
  registrationNo: string;
  categoryName: string;
  userName: string;
  status: string;
  overdue: boolean;
}

/** 淮安市's counties: the public pages cannot read /api/regions (it needs a session). */
export const FALLBACK_REGIONS: PublicRegion[] = [
  { code: '320803', name: '淮安区' },
  { code: '320804', name: '淮阴区' },
  { code: '320812', name: '清江浦区' },
  { code: '320813', name: '洪泽区' },
  { code: '320826', name: '涟水县' },
  { code: '320830', name: '盱眙县' },
  { code: '320831', name: '金湖县' },
  { code: '320871', name: '淮安经济技术开发区' },
];

/**
 * The categories' answer as topics with their categories (accepts a list of topics with nested
 * categories, or `{ topics, categories }` with the topic key on each category), plus the regions
 * when the answer carries them.
 */
export function normalizeCategories(raw: unknown): { topics: PublicTopic[]; regions: PublicRegion[] | null } {
  const body = (raw ?? {}) as { items?: unknown[]; topics?: unknown[]; categories?: unknown[]; regions?: PublicRegion[] };
  const topicsRaw = (Array.isArray(raw) ? raw : (body.topics ?? body.items ?? [])) as (PublicTopic & { categories?: PublicCategory[] })[];
  const flat = (body.categories ?? []) as (PublicCategory & { topic: string })[];
  const topics = topicsRaw.map((tp) => ({
    key: tp.key,
    name: tp.name,
    nameEn: tp.nameEn,
    categories: (tp.categories ?? flat.filter((c) => c.topic === tp.key)).map((c) => ({ key: c.key, name: c.name, nameEn: c.nameEn, urgent: !!c.urgent })),
  }));
  return { topics, regions: Array.isArray(body.regions) && body.regions.length ? body.regions : null };
}

const itemPath = (trackingNo: string) => `/api/public/complaints/${encodeURIComponent(trackingNo)}`;

async function parseError(res: Response): Promise<ApiError> {
  type ErrorBody = { error?: { code?: string; message?: string; details?: unknown } } | null;
  const body = (await res.json().catch(() => null)) as ErrorBody;
  const err = body?.error;
  return new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? res.statusText, err?.details);
}

/** A multipart POST with extra headers (the shared client's postForm sends none). */
async function postMultipart<T>(path: string, form: FormData, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin', body: form });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  if (!res.ok) throw await parseError(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The submission's fields as multipart: plain fields as text, the reporter as JSON, then the files. */
export function submissionForm(input: SubmissionInput, files: File[]): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null || value === '') continue;
    form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  for (const file of files) form.append('files', file, file.name);
  return form;
}

export const publicComplaintsApi = {
  categories: async () => normalizeCategories(await api.get<unknown>('/api/public/complaint-categories')),
  /** No login; the same Idempotency-Key on a retry answers the first submission and creates nothing. */
  submit: (input: SubmissionInput, files: File[], idempotencyKey: string) =>
    postMultipart<Submitted>('/api/public/complaints', submissionForm(input, files), { 'Idempotency-Key': idempotencyKey }),
  /** 404 NOT_FOUND for an unknown number or a wrong code (the same answer). */
  track: (trackingNo: string, code: string) => api.get<PublicComplaint>(itemPath(trackingNo), { code }),
  addInformation: (trackingNo: string, code: string, text: string, files: File[]) => {
    const form = new FormData();
    if (text) form.append('text', text);
    for (const file of files) form.append('files', file, file.name);
    return postMultipart<PublicComplaint | undefined>(buildUrl(`${itemPath(trackingNo)}/additions`, { code }), form);
  },
  rate: (trackingNo: string, code: string, satisfied: boolean, comment?: string) =>
    api.post<PublicComplaint | undefined>(buildUrl(`${itemPath(trackingNo)}/satisfaction`, { code }), comment ? { satisfied, comment } : { satisfied }),
  enterprise: (uscc: string) => api.get<FoundEnterprise>(`/api/public/enterprises/${encodeURIComponent(uscc)}`),
  unit: (registrationNo: string) => api.get<FoundUnit>(`/api/public/equipment/${encodeURIComponent(registrationNo)}`),
};

// 企业端 shapes follow handling/enterprise.service.ts (never a reporter field).
export interface MyComplaint {
  id: string;
  trackingNo: string;
  kind: ComplaintKind;
  status: ComplaintStatus;
  topic: string | null;
  subjectUscc: string | null;
  subjectName: string | null;
  product: string | null;
  equipmentRegistrationNo: string | null;
  place: string | null;
  occurredOn: string | null;
  description: string;
  receivedOn: string;
  /** The bureau's record of the mediation's outcome, after it ended. */
  mediationResult: string | null;
  /** The result text approved for the complainant, after closing. */
  publicResult: string | null;
  closedAt: string | null;
  enterpriseAnswer: string | null;
  enterpriseAnsweredAt: string | null;
  version: number;
  canAnswer: boolean;
  mediationDueOn?: string | null;
  mediationDueCertain?: boolean | null;
  timeline?: { kind: string; at: string }[];
}

const myPath = (id: string) => `/api/my/complaints/${encodeURIComponent(id)}`;

export const myComplaintsApi = {
  list: (query: PageQuery) => api.get<ListResult<MyComplaint>>('/api/my/complaints', query),
  get: (id: string) => api.get<MyComplaint>(myPath(id)),
  answer: (c: MyComplaint, text: string) => api.post<MyComplaint>(`${myPath(c.id)}/answer`, { text }, c.version),
};
