/**
 * Calls of the lots' pages (issue 19; /work/notes/API-SPEC.md: plans/ lots, institutions/,
 * sampling/ draws). Types from the generated schema; the lot's `selection` and the draws' public
 * record are typed here (the schema has them as free objects).
 */
import { api } from '../../api/client';
import type { BodyOf, ListResult, PageQuery, QueryOf, ResponseOf } from '../../api/types';

const enc = encodeURIComponent;

// ---- lots ----
export type LotRow = ResponseOf<'/api/spotcheck/lots', 'get'>['items'][number];
export type LotQuery = QueryOf<'/api/spotcheck/lots', 'get'>;
type LotAnswer = ResponseOf<'/api/spotcheck/lots/{id}', 'get'>;
export type LotStatus = LotRow['status'];

// ---- the competitive choice ----
type SelectionAnswer = ResponseOf<'/api/spotcheck/lots/{id}/selection', 'post'>;
export type Score = SelectionAnswer['scores'][number];
/** The lot's recorded choice (institutions/README.md "The decision"). */
export type Selection = NonNullable<SelectionAnswer['lot']['selection']>;
export type Weights = Selection['weights'];
export type Reason = Selection['reasons'][number];
/** A lot with its product, plan, institution, choice and draw. */
export type Lot = Omit<LotAnswer, 'selection'> & { selection: Selection | null };

// ---- institutions and applications ----
export type Institution = ResponseOf<'/api/spotcheck/institutions/{id}', 'get'>;
export type InstitutionQuery = QueryOf<'/api/spotcheck/institutions', 'get'>;
export type InstitutionInput = BodyOf<'/api/spotcheck/institutions', 'post'>;
export type InstitutionPatch = BodyOf<'/api/spotcheck/institutions/{id}', 'patch'>;
export type InstitutionRecord = Institution['record'];
export type Account = ResponseOf<'/api/spotcheck/institutions/{id}/accounts', 'get'>['items'][number];
export type AccountInput = BodyOf<'/api/spotcheck/institutions/{id}/accounts', 'post'>;
export type Application = ResponseOf<'/api/spotcheck/lots/{id}/applications', 'get'>['items'][number];
export type ApplicationInput = BodyOf<'/api/spotcheck/lots/{id}/applications', 'post'>;
export type ApplicationWithLot = ResponseOf<'/api/spotcheck/applications', 'get'>['items'][number];
export type ApplicationStatus = Application['status'];
export type ProductOption = ResponseOf<'/api/spotcheck/products', 'get'>['items'][number];

// ---- draws ----
/** The public record of a draw (docs/DRAW.md, zhijian-draw/2): the parts the pages show. */
export interface DrawRecord {
  status: 'committed' | 'revealed';
  commitment: string;
  candidatesHash: string;
  commitStatement: string;
  committedAt: string;
  strata: { name: string; n: number; k: number; selected?: string[] }[];
  witnessInput?: string;
  seed?: string;
  revealedAt?: string;
}
type Committed = ResponseOf<'/api/spotcheck/lots/{id}/draws', 'post'>;
/** The commit's answer: candidates, batches, k, the producers left out and why. */
export type DrawCommitted = Omit<Committed, 'record'> & { record: DrawRecord };
type StaffDraw = ResponseOf<'/api/spotcheck/draws/{id}', 'get'>;
/** The staff's view of a draw (with the exclusions and their evidence). */
export type DrawView = Omit<StaffDraw, 'record'> & { record: DrawRecord };
export type Exclusion = StaffDraw['excluded'][number];
type Revealed = ResponseOf<'/api/spotcheck/draws/{id}/reveal', 'post'>;
export type DrawnSample = Revealed['samples'][number];
export type SampleRow = ResponseOf<'/api/spotcheck/samples', 'get'>['items'][number];

// Enumerations in display order; a Record makes the compiler insist on every value.
const LOT_STATUS_ORDER: Record<LotStatus, number> = { open: 1, assigned: 2, drawn: 3, closed: 4 };
export const LOT_STATUSES = Object.keys(LOT_STATUS_ORDER) as LotStatus[];
const APPLICATION_STATUS_ORDER: Record<ApplicationStatus, number> = { submitted: 1, chosen: 2, not_chosen: 3, withdrawn: 4 };
export const APPLICATION_STATUSES = Object.keys(APPLICATION_STATUS_ORDER) as ApplicationStatus[];
export const QUARTERS = [1, 2, 3, 4] as const;
export const SCORE_PARTS = ['price', 'capability', 'record', 'locality'] as const;

const lot = (id: string) => `/api/spotcheck/lots/${enc(id)}`;
const institution = (id: string) => `/api/spotcheck/institutions/${enc(id)}`;
type Versioned = { id: string; version: number };

export const lotsApi = {
  lots: (q: LotQuery) => api.get<ListResult<LotRow>>('/api/spotcheck/lots', q),
  lot: (id: string) => api.get<Lot>(lot(id)),
  applications: (lotId: string) => api.get<ListResult<Application>>(`${lot(lotId)}/applications`, { pageSize: 500 }),
  apply: (lotId: string, input: ApplicationInput) => api.post<Application>(`${lot(lotId)}/applications`, input),
  withdraw: (a: Versioned) => api.post<Application>(`/api/spotcheck/applications/${enc(a.id)}/withdraw`, {}, a.version),
  myApplications: (q: PageQuery & { status?: ApplicationStatus }) => api.get<ListResult<ApplicationWithLot>>('/api/spotcheck/applications', q),
  select: (lotId: string, localityWeight?: number) => api.post<SelectionAnswer>(`${lot(lotId)}/selection`, localityWeight === undefined ? {} : { localityWeight }),
  revealTie: (lotId: string, witnessInput: string) => api.post<SelectionAnswer>(`${lot(lotId)}/selection/reveal`, { witnessInput }),
  commitDraw: (lotId: string) => api.post<DrawCommitted>(`${lot(lotId)}/draws`),
  draw: (drawId: string) => api.get<DrawView>(`/api/spotcheck/draws/${enc(drawId)}`),
  revealDraw: (drawId: string, witnessInput: string) => api.post<Revealed>(`/api/spotcheck/draws/${enc(drawId)}/reveal`, { witnessInput }),
  samples: (lotId: string) => api.get<ListResult<SampleRow>>('/api/spotcheck/samples', { lotId, pageSize: 500 }),

  institutions: (q: InstitutionQuery) => api.get<ListResult<Institution>>('/api/spotcheck/institutions', q),
  institution: (id: string) => api.get<Institution>(institution(id)),
  createInstitution: (input: InstitutionInput) => api.post<Institution>('/api/spotcheck/institutions', input),
  updateInstitution: (i: Versioned, input: InstitutionPatch) => api.patch<Institution>(institution(i.id), input, i.version),
  accounts: (id: string) => api.get<ListResult<Account>>(`${institution(id)}/accounts`),
  createAccount: (id: string, input: AccountInput) => api.post<Account>(`${institution(id)}/accounts`, input),
  mine: () => api.get<Institution>('/api/spotcheck/my-institution'),
  products: (q: string) => api.get<ListResult<ProductOption>>('/api/spotcheck/products', { q: q || undefined, pageSize: 100 }),
};

export const lotPath = (id: string) => `/spotcheck/lots/${enc(id)}`;
export const lotsPath = '/spotcheck/lots';
export const institutionPath = (id: string) => `/spotcheck/institutions/${enc(id)}`;
export const institutionsPath = '/spotcheck/institutions';
export const myInstitutionPath = '/spotcheck/my-institution';
export const openLotsPath = '/spotcheck/open-lots';
export const myLotsPath = '/spotcheck/my-lots';
/** W1's pages (module spotchecks). */
export const productPath = (id: string) => `/spotcheck/products/${enc(id)}`;
export const planPath = (id: string) => `/spotcheck/plans/${enc(id)}`;
/** The sample's page (module spotcheck-samples): staff's work and the institution's results entry. */
export const samplePath = (id: string) => `/spotcheck-samples/${enc(id)}`;
/** The public record of a draw, with the in-browser verifier (module spotchecks-public). */
export const publicDrawPath = (id: string) => `/public/spotcheck-draws/${enc(id)}`;
export const enterprisePath = (uscc: string) => `/enterprises/${enc(uscc)}`;
