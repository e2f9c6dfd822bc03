/**
 * Calls of the public complaint pages (submission, tracking) and the enterprise's own view
 * (企业端), after issue 17's Contract and API-SPEC.md (`PublicComplaint`).
 */
import { api, ApiError, buildUrl, multipartOf, parseError } from '../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../api/types';

// The API's types, derived from the generated OpenAPI schema like those in api/types.ts.
export type PublicTopic = ResponseOf<'/api/public/complaint-categories', 'get'>['items'][number];
export type PublicCategory = PublicTopic['categories'][number];
/** The submission (JSON; with files the same fields go as multipart). */
export type SubmissionInput = NonNullable<BodyOf<'/api/public/complaints', 'post'>>;
export type Reporter = NonNullable<SubmissionInput['reporter']>;
export type Submitted = ResponseOf<'/api/public/complaints', 'post'>;
export type PublicComplaint = ResponseOf<'/api/public/complaints/{trackingNo}', 'get'>;
export type PublicDeadline = PublicComplaint['deadlines'][number];
export type ComplaintKind = PublicComplaint['kind'];
export type ComplaintStatus = PublicComplaint['status'];
/** The public enterprise record, looked up by USCC (the form shows its name). */
export type FoundEnterprise = ResponseOf<'/api/public/enterprises/{uscc}', 'get'>;
/** The public record of a special-equipment unit, looked up by registration number. */
export type FoundUnit = ResponseOf<'/api/public/equipment/{registrationNo}', 'get'>;

// Enumerations in display order; a Record makes the compiler insist on every value.
const KIND_ORDER: Record<ComplaintKind, number> = { complaint: 1, report: 2, enquiry: 3, suggestion: 4 };
export const COMPLAINT_KINDS = Object.keys(KIND_ORDER) as ComplaintKind[];
export const STATUS_COLORS: Record<ComplaintStatus, string> = { received: 'blue', accepted: 'cyan', refused: 'default', mediating: 'orange', verifying: 'gold', closed: 'green' };

/** A county the form offers for the place: from the categories' answer (the jurisdiction's county bureaus). */
export type PublicRegion = ResponseOf<'/api/public/complaint-categories', 'get'>['regions'][number];

/** The categories' answer as the topics (each with its categories) and the counties the form offers. */
export function normalizeCategories(answer: ResponseOf<'/api/public/complaint-categories', 'get'>): { topics: PublicTopic[]; regions: PublicRegion[] } {
  return { topics: answer.items, regions: answer.regions };
}

const itemPath = (trackingNo: string) => `/api/public/complaints/${encodeURIComponent(trackingNo)}`;

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

export const publicComplaintsApi = {
  categories: async () => normalizeCategories(await api.get<ResponseOf<'/api/public/complaint-categories', 'get'>>('/api/public/complaint-categories')),
  /** No login; the same Idempotency-Key on a retry answers the first submission and creates nothing. */
  submit: (input: SubmissionInput, files: File[], idempotencyKey: string) =>
    postMultipart<Submitted>('/api/public/complaints', multipartOf(input, files), { 'Idempotency-Key': idempotencyKey }),
  /** 404 NOT_FOUND for an unknown number or a wrong code (the same answer). */
  track: (trackingNo: string, code: string) => api.get<PublicComplaint>(itemPath(trackingNo), { code }),
  addInformation: (trackingNo: string, code: string, text: string, files: File[]) =>
    postMultipart<ResponseOf<'/api/public/complaints/{trackingNo}/additions', 'post'>>(buildUrl(`${itemPath(trackingNo)}/additions`, { code }), multipartOf({ text }, files)),
  rate: (trackingNo: string, code: string, satisfied: boolean, comment?: string) =>
    api.post<ResponseOf<'/api/public/complaints/{trackingNo}/satisfaction', 'post'>>(
      buildUrl(`${itemPath(trackingNo)}/satisfaction`, { code }),
      (comment ? { satisfied, comment } : { satisfied }) satisfies BodyOf<'/api/public/complaints/{trackingNo}/satisfaction', 'post'>,
    ),
  enterprise: (uscc: string) => api.get<FoundEnterprise>(`/api/public/enterprises/${encodeURIComponent(uscc)}`),
  unit: (registrationNo: string) => api.get<FoundUnit>(`/api/public/equipment/${encodeURIComponent(registrationNo)}`),
};

// 企业端 (handling/enterprise.service.ts; never a reporter field).
/** A complaint passed to the enterprise, as the list gives it. */
export type MyComplaintRow = ResponseOf<'/api/my/complaints', 'get'>['items'][number];
/** One complaint passed to the enterprise, with its mediation deadline and timeline. */
export type MyComplaint = ResponseOf<'/api/my/complaints/{id}', 'get'>;
export type MyComplaintsQuery = QueryOf<'/api/my/complaints', 'get'>;

const myPath = (id: string) => `/api/my/complaints/${encodeURIComponent(id)}`;

export const myComplaintsApi = {
  list: (query: MyComplaintsQuery) => api.get<ListResult<MyComplaintRow>>('/api/my/complaints', query),
  get: (id: string) => api.get<MyComplaint>(myPath(id)),
  answer: (c: MyComplaint, text: string) =>
    api.post<ResponseOf<'/api/my/complaints/{id}/answer', 'post'>>(`${myPath(c.id)}/answer`, { text } satisfies BodyOf<'/api/my/complaints/{id}/answer', 'post'>, c.version),
};
