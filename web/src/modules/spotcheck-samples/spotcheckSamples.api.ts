/**
 * Calls of the samples' pages (issue 19; /work/notes/API-SPEC.md: sampling/, objections/,
 * publication/). Types from the generated schema.
 */
import { api, buildUrl } from '../../api/client';
import type { BodyOf, ListResult, PageQuery, QueryOf, ResponseOf } from '../../api/types';

const enc = encodeURIComponent;

// ---- samples ----
export type SampleRow = ResponseOf<'/api/spotcheck/samples', 'get'>['items'][number];
export type SampleQuery = QueryOf<'/api/spotcheck/samples', 'get'>;
export type Sample = ResponseOf<'/api/spotcheck/samples/{id}', 'get'>;
export type SampleStatus = Sample['status'];
export type Conclusion = NonNullable<Sample['conclusion']>;
export type SampleFile = Sample['files'][number];
export type FileKind = SampleFile['kind'];
export type RecordInput = BodyOf<'/api/spotcheck/samples/{id}/record', 'put'>;
export type ResultInput = BodyOf<'/api/spotcheck/samples/{id}/result', 'post'>;
export type ResultItem = ResultInput['items'][number];

// ---- objections and follow-ups ----
export type Objection = ResponseOf<'/api/spotcheck/objections/{id}', 'get'>;
export type ObjectionQuery = QueryOf<'/api/spotcheck/objections', 'get'>;
export type ObjectionStatus = Objection['status'];
export type ObjectionInput = BodyOf<'/api/spotcheck/samples/{id}/objection', 'post'>;
export type DecideInput = BodyOf<'/api/spotcheck/objections/{id}/decide', 'post'>;
export type RetestInput = BodyOf<'/api/spotcheck/objections/{id}/retest', 'post'>;
export type Followup = ResponseOf<'/api/spotcheck/samples/{id}/followup', 'get'>;
export type FollowupQuery = QueryOf<'/api/spotcheck/followups', 'get'>;
export type FollowupStage = Followup['stage'];
export type FollowupInput = BodyOf<'/api/spotcheck/samples/{id}/followup', 'post'>;
export type FollowupAction = FollowupInput['action'];

// ---- bulletins and statistics ----
export type Bulletin = ResponseOf<'/api/spotcheck/bulletins/{id}', 'get'>;
export type BulletinRow = ResponseOf<'/api/spotcheck/bulletins', 'get'>['items'][number];
export type BulletinQuery = QueryOf<'/api/spotcheck/bulletins', 'get'>;
export type BulletinStatus = BulletinRow['status'];
export type BulletinInput = BodyOf<'/api/spotcheck/bulletins', 'post'>;
export type BulletinPatch = BodyOf<'/api/spotcheck/bulletins/{id}', 'patch'>;
export type FinalSample = ResponseOf<'/api/spotcheck/final-samples', 'get'>['items'][number];
export type FinalSampleQuery = QueryOf<'/api/spotcheck/final-samples', 'get'>;
export type Stats = ResponseOf<'/api/spotcheck/stats', 'get'>;
export type Institution = ResponseOf<'/api/spotcheck/institutions', 'get'>['items'][number];
export type ProductOption = ResponseOf<'/api/spotcheck/products', 'get'>['items'][number];
export type LotOption = ResponseOf<'/api/spotcheck/lots', 'get'>['items'][number];
export type Category = FinalSample['category'];

// Enumerations in display order; a Record makes the compiler insist on every value.
const SAMPLE_STATUS_ORDER: Record<SampleStatus, number> = { drawn: 1, assigned: 2, sampled: 3, reported: 4, closed: 5 };
export const SAMPLE_STATUSES = Object.keys(SAMPLE_STATUS_ORDER) as SampleStatus[];
const CONCLUSION_ORDER: Record<Conclusion, number> = { pass: 1, fail: 2 };
export const CONCLUSIONS = Object.keys(CONCLUSION_ORDER) as Conclusion[];
const OBJECTION_STATUS_ORDER: Record<ObjectionStatus, number> = { filed: 1, accepted: 2, refused: 3, retested: 4 };
export const OBJECTION_STATUSES = Object.keys(OBJECTION_STATUS_ORDER) as ObjectionStatus[];
const STAGE_ORDER: Record<FollowupStage, number> = { ordered: 1, rechecked_passed: 2, rechecked_failed: 3, noticed: 4, suspended: 5, referred: 6, closed: 7 };
export const FOLLOWUP_STAGES = Object.keys(STAGE_ORDER) as FollowupStage[];
const BULLETIN_STATUS_ORDER: Record<BulletinStatus, number> = { draft: 1, published: 2, withdrawn: 3 };
export const BULLETIN_STATUSES = Object.keys(BULLETIN_STATUS_ORDER) as BulletinStatus[];
const CATEGORY_ORDER: Record<Category, number> = {
  daily_consumer: 1,
  agricultural_inputs: 2,
  building_materials: 3,
  automotive: 4,
  electrical: 5,
  food_related: 6,
  children: 7,
  other: 8,
};
export const CATEGORIES = Object.keys(CATEGORY_ORDER) as Category[];

type Versioned = { id: string; version: number };
const sample = (id: string) => `/api/spotcheck/samples/${enc(id)}`;
const objection = (id: string) => `/api/spotcheck/objections/${enc(id)}`;
const bulletin = (id: string) => `/api/spotcheck/bulletins/${enc(id)}`;

export const samplesApi = {
  samples: (q: SampleQuery) => api.get<ListResult<SampleRow>>('/api/spotcheck/samples', q),
  sample: (id: string) => api.get<Sample>(sample(id)),
  assign: (s: Versioned, samplerIds: string[], dueOn?: string) => api.post<Sample>(`${sample(s.id)}/assign`, { samplerIds, dueOn: dueOn || undefined }, s.version),
  saveRecord: (s: Versioned, input: RecordInput) => api.put<Sample>(`${sample(s.id)}/record`, input, s.version),
  /** multipart: `kind` first, then the file (sampling/README.md). */
  upload: (sampleId: string, kind: FileKind, file: Blob, fileName: string) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, fileName);
    return api.postForm<SampleFile>(`${sample(sampleId)}/files`, form);
  },
  fileUrl: (sampleId: string, fileId: string) => `${sample(sampleId)}/files/${enc(fileId)}`,
  saveResult: (s: Versioned, input: ResultInput) => api.post<Sample>(`${sample(s.id)}/result`, input, s.version),
  notify: (s: Versioned) => api.post<Sample>(`${sample(s.id)}/notify`, {}, s.version),
  noticeUrl: (id: string) => `${sample(id)}/notice`,
  receipt: (s: Versioned, receivedOn: string) => api.post<Sample>(`${sample(s.id)}/receipt`, { receivedOn }, s.version),

  objections: (q: ObjectionQuery) => api.get<ListResult<Objection>>('/api/spotcheck/objections', q),
  objection: (id: string) => api.get<Objection>(objection(id)),
  fileObjection: (s: Versioned, input: ObjectionInput) => api.post<Objection>(`${sample(s.id)}/objection`, input),
  decide: (o: Versioned, input: DecideInput) => api.post<Objection>(`${objection(o.id)}/decide`, input, o.version),
  retest: (o: Versioned, input: RetestInput) => api.post<Objection>(`${objection(o.id)}/retest`, input, o.version),

  followups: (q: FollowupQuery) => api.get<ListResult<Followup>>('/api/spotcheck/followups', q),
  followup: (sampleId: string) => api.get<Followup>(`${sample(sampleId)}/followup`),
  followupStep: (sampleId: string, version: number | undefined, input: FollowupInput) => api.post<Followup>(`${sample(sampleId)}/followup`, input, version),
  orderUrl: (sampleId: string) => `${sample(sampleId)}/followup/order`,

  bulletins: (q: BulletinQuery) => api.get<ListResult<BulletinRow>>('/api/spotcheck/bulletins', q),
  bulletin: (id: string) => api.get<Bulletin>(bulletin(id)),
  createBulletin: (input: BulletinInput) => api.post<Bulletin>('/api/spotcheck/bulletins', input),
  updateBulletin: (b: Versioned, input: BulletinPatch) => api.patch<Bulletin>(bulletin(b.id), input, b.version),
  publish: (b: Versioned) => api.post<Bulletin>(`${bulletin(b.id)}/publish`, {}, b.version),
  withdraw: (b: Versioned, reason: string) => api.post<Bulletin>(`${bulletin(b.id)}/withdraw`, { reason }, b.version),
  bulletinDocUrl: (id: string, format: 'docx' | 'xlsx') => buildUrl(`${bulletin(id)}/document`, { format }),
  finalSamples: (q: FinalSampleQuery) => api.get<ListResult<FinalSample>>('/api/spotcheck/final-samples', q),

  stats: (fromYear: number, toYear: number) => api.get<Stats>('/api/spotcheck/stats', { fromYear, toYear }),
  institutions: () => api.get<ListResult<Institution>>('/api/spotcheck/institutions', { active: true, pageSize: 200 }),
  products: (q: string) => api.get<ListResult<ProductOption>>('/api/spotcheck/products', { q: q || undefined, pageSize: 100 }),
  lots: () => api.get<ListResult<LotOption>>('/api/spotcheck/lots', { pageSize: 200 }),
};

export type { PageQuery };

export const samplesPath = '/spotcheck-samples';
export const tasksPath = '/spotcheck-tasks';
export const samplePath = (id: string) => `/spotcheck-samples/${enc(id)}`;
export const objectionsPath = '/spotcheck-objections';
export const followupsPath = '/spotcheck-followups';
export const bulletinsPath = '/spotcheck-bulletins';
export const bulletinPath = (id: string) => `/spotcheck-bulletins/${enc(id)}`;
export const statsPath = '/spotcheck-stats';
/** Other modules' pages. */
export const productPath = (id: string) => `/spotcheck/products/${enc(id)}`;
export const lotPath = (id: string) => `/spotcheck/lots/${enc(id)}`;
export const casePath = (id: string) => `/cases/${enc(id)}`;
