/**
 * Calls of the credit pages (issue 20; the READMEs of server/src/modules/credit/ parts). Types from the
 * generated schema under the names the pages use.
 */
import { api, buildUrl } from '../../api/client';
import type { BodyOf, Enterprise, ListResult, PageQuery, QueryOf, ResponseOf } from '../../api/types';

const enc = encodeURIComponent;

// ---- the model, scores and overrides ----
export type Credit = ResponseOf<'/api/credit/{uscc}', 'get'>;
export type CreditClass = Credit['class'];
export type Reason = Credit['reasons'][number];
export type OverrideInput = BodyOf<'/api/credit/{uscc}/override', 'post'>;
export type ClassChange = ResponseOf<'/api/credit/{uscc}/history', 'get'>['items'][number];
export type ClassCause = ClassChange['cause'];
type Models = ResponseOf<'/api/credit-models', 'get'>;
export type ModelVersion = Models['items'][number];
export type ModelConfig = ModelVersion['config'];
export type Factor = ModelConfig['factors'][number];
export type ModelInput = BodyOf<'/api/credit-models', 'post'>;

// ---- the archive ----
export type Archive = ResponseOf<'/api/credit/{uscc}/archive', 'get'>;
export type ArchiveQuery = QueryOf<'/api/credit/{uscc}/archive', 'get'>;
export type TimelineItem = Archive['timeline'][number];
export type Area = TimelineItem['area'];
export type Summary = Archive['summary'];

// ---- listings and repairs ----
export type Listing = ResponseOf<'/api/credit-listings/{id}', 'get'>;
export type ListingRow = ResponseOf<'/api/credit-listings', 'get'>['items'][number];
export type ListingQuery = QueryOf<'/api/credit-listings', 'get'>;
export type ListingStatus = ListingRow['status'];
export type ListingSource = ListingRow['source'];
export type ListingInput = BodyOf<'/api/credit-listings', 'post'>;
export type ListingEvent = Listing['events'][number];
export type Repair = ResponseOf<'/api/credit-repairs/{id}', 'get'>;
export type RepairQuery = QueryOf<'/api/credit-repairs', 'get'>;
export type RepairStatus = Repair['status'];
export type Condition = Repair['conditions'][number];

// ---- evaluators and ratings ----
export type Evaluator = ResponseOf<'/api/credit-evaluators/{id}', 'get'>;
export type EvaluatorQuery = QueryOf<'/api/credit-evaluators', 'get'>;
export type EvaluatorInput = BodyOf<'/api/credit-evaluators', 'post'>;
export type EvaluatorAccount = ResponseOf<'/api/credit-evaluators/{id}/accounts', 'get'>['items'][number];
export type AccountInput = BodyOf<'/api/credit-evaluators/{id}/accounts', 'post'>;
export type Rating = ResponseOf<'/api/credit-ratings', 'get'>['items'][number];
export type RatingQuery = QueryOf<'/api/credit-ratings', 'get'>;
export type RatingInput = BodyOf<'/api/credit-ratings', 'post'>;
export type Grade = Rating['grade'];
export type RatingState = Rating['state'];

// ---- joint punishment ----
export type CheckItem = ResponseOf<'/api/credit/check', 'post'>['items'][number];
export type RestrictionCode = CheckItem['restrictions'][number]['code'];
export type CaseOption = ResponseOf<'/api/cases', 'get'>['items'][number];
export type Feedback = ResponseOf<'/api/credit/feedback', 'get'>['items'][number];

// Enumerations in display order; a Record makes the compiler insist on every value.
const LISTING_ORDER: Record<ListingStatus, number> = { proposed: 1, noticed: 2, listed: 3, not_listed: 4, removed: 5 };
export const LISTING_STATUSES = Object.keys(LISTING_ORDER) as ListingStatus[];
const SOURCE_ORDER: Record<ListingSource, number> = { case: 1, rule: 2, manual: 3 };
export const LISTING_SOURCES = Object.keys(SOURCE_ORDER) as ListingSource[];
const REPAIR_ORDER: Record<RepairStatus, number> = { pending: 1, granted: 2, refused: 3 };
export const REPAIR_STATUSES = Object.keys(REPAIR_ORDER) as RepairStatus[];
const AREA_ORDER: Record<Area, number> = { licence: 1, inspection: 2, spotcheck: 3, equipment: 4, complaint: 5, case: 6, commitment: 7, credit: 8 };
export const AREAS = Object.keys(AREA_ORDER) as Area[];
const GRADE_ORDER: Record<Grade, number> = { AAA: 1, AA: 2, A: 3, B: 4, C: 5 };
export const GRADES = Object.keys(GRADE_ORDER) as Grade[];
const RATING_STATE_ORDER: Record<RatingState, number> = { in_force: 1, expired: 2, withdrawn: 3 };
export const RATING_STATES = Object.keys(RATING_STATE_ORDER) as RatingState[];
/** At most this many codes in one check (400 BATCH_TOO_LARGE above). */
export const CHECK_MAX = 1000;

const credit = (uscc: string) => `/api/credit/${enc(uscc)}`;
const listing = (id: string) => `/api/credit-listings/${enc(id)}`;
const evaluator = (id: string) => `/api/credit-evaluators/${enc(id)}`;
type Versioned = { id: string; version: number };

export const creditApi = {
  credit: (uscc: string) => api.get<Credit>(credit(uscc)),
  history: (uscc: string, q: PageQuery) => api.get<ListResult<ClassChange>>(`${credit(uscc)}/history`, q),
  recompute: (uscc: string) => api.post<Credit>(`${credit(uscc)}/recompute`),
  override: (uscc: string, input: OverrideInput) => api.post<Credit>(`${credit(uscc)}/override`, input),
  endOverride: (uscc: string, reason: string) => api.del<Credit>(`${credit(uscc)}/override`, undefined, { reason }),
  archive: (uscc: string, q: ArchiveQuery) => api.get<Archive>(`${credit(uscc)}/archive`, q),
  /** The report as a file: fetched (not a link) so that a 503 PDF_FONT_MISSING shows the server's message. */
  reportUrl: (uscc: string, format: 'docx' | 'pdf', all: boolean) => buildUrl(`${credit(uscc)}/archive.${format}`, { all: all || undefined }),

  models: (q: PageQuery) => api.get<ListResult<ModelVersion> & { currentVersion: number | null }>('/api/credit-models', q),
  createModel: (input: ModelInput) => api.post<ModelVersion>('/api/credit-models', input),

  listings: (q: ListingQuery) => api.get<ListResult<ListingRow>>('/api/credit-listings', q),
  listing: (id: string) => api.get<Listing>(listing(id)),
  propose: (input: ListingInput) => api.post<ListingRow>('/api/credit-listings', input),
  sendNotice: (l: Versioned) => api.post<ListingRow>(`${listing(l.id)}/notice`, {}, l.version),
  noticeUrl: (id: string) => `${listing(id)}/notice.docx`,
  decide: (l: Versioned, list: boolean, note: string) => api.post<ListingRow>(`${listing(l.id)}/decide`, { list, note }, l.version),
  revoke: (l: Versioned, reason: string) => api.post<ListingRow>(`${listing(l.id)}/revoke`, { reason }, l.version),
  repairs: (q: RepairQuery) => api.get<ListResult<Repair>>('/api/credit-repairs', q),
  decideRepair: (r: Versioned, grant: boolean, reason: string | null) =>
    api.post<Repair>(`/api/credit-repairs/${enc(r.id)}/decide`, { grant, reason }, r.version),

  evaluators: (q: EvaluatorQuery) => api.get<ListResult<Evaluator>>('/api/credit-evaluators', q),
  evaluator: (id: string) => api.get<Evaluator>(evaluator(id)),
  createEvaluator: (input: EvaluatorInput) => api.post<Evaluator>('/api/credit-evaluators', input),
  updateEvaluator: (e: Versioned, input: Partial<EvaluatorInput>) => api.patch<Evaluator>(evaluator(e.id), input, e.version),
  accounts: (id: string) => api.get<ListResult<EvaluatorAccount>>(`${evaluator(id)}/accounts`),
  createAccount: (id: string, input: AccountInput) => api.post<EvaluatorAccount>(`${evaluator(id)}/accounts`, input),
  myEvaluator: () => api.get<Evaluator>('/api/credit-evaluators/mine'),
  ratings: (q: RatingQuery) => api.get<ListResult<Rating>>('/api/credit-ratings', q),
  rate: (input: RatingInput) => api.post<Rating>('/api/credit-ratings', input),
  withdrawRating: (id: string, reason: string) => api.post<Rating>(`/api/credit-ratings/${enc(id)}/withdraw`, { reason }),

  /** The register's search (enterprise.read): name fragment or USCC prefix. */
  enterprises: (q: string, page: number) => api.get<ListResult<Enterprise>>('/api/enterprises', { q, page, pageSize: 10 }),
  /** Cases by number or party (case.read), for a listing proposed from a case. */
  cases: (q: string) => api.get<ListResult<CaseOption>>('/api/cases', { q: q || undefined, pageSize: 20 }),

  check: (usccs: string[]) => api.post<{ items: CheckItem[] }>('/api/credit/check', { usccs }),
  feedback: (q: PageQuery & { uscc?: string }) => api.get<ListResult<Feedback>>('/api/credit/feedback', q),
};

export const archivePath = (uscc: string) => `/credit/enterprises/${enc(uscc)}`;
export const searchPath = '/credit/enterprises';
export const listingPath = (id: string) => `/credit/listings/${enc(id)}`;
export const listingsPath = '/credit/listings';
export const repairsPath = '/credit/repairs';
export const modelsPath = '/credit/models';
export const evaluatorPath = (id: string) => `/credit/evaluators/${enc(id)}`;
export const evaluatorsPath = '/credit/evaluators';
export const checkPath = '/credit/check';
export const myRatingsPath = '/evaluator/ratings';
/** Other modules' pages. */
export const casePath = (id: string) => `/cases/${enc(id)}`;
