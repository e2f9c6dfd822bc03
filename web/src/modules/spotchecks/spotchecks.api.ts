/**
 * Calls of the spot-check planning pages (issue 19; server/src/modules/spotchecks: catalogue/,
 * plans/, sampling-plan/, and the lots with their application counts). Types derived from the
 * generated OpenAPI schema (ResponseOf/BodyOf/QueryOf).
 */
import { api } from '../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../api/types';

// ---- the API's shapes: the catalogue from the generated schema ----
export type ProductRow = ResponseOf<'/api/spotcheck/products', 'get'>['items'][number];
export type Product = ResponseOf<'/api/spotcheck/products/{id}', 'get'>;
export type ProductInput = BodyOf<'/api/spotcheck/products', 'post'>;
export type ProductPatch = BodyOf<'/api/spotcheck/products/{id}', 'patch'>;
export type ProductQuery = QueryOf<'/api/spotcheck/products', 'get'>;
export type ProductCategory = ProductRow['category'];
export type TestItem = Product['testItems'][number];
export type ProductHistory = ResponseOf<'/api/spotcheck/products/{id}/history', 'get'>;
export type HistoryYear = ProductHistory['years'][number];
export type ProductLink = ProductHistory['complaints'][number];
export type ProductSuggestion = ProductHistory['suggestions'][number];
export type HistoryInput = BodyOf<'/api/spotcheck/products/{id}/history/{year}', 'put'>;
export type HistoryEntry = ResponseOf<'/api/spotcheck/products/{id}/history/{year}', 'put'>;
export type Producer = ResponseOf<'/api/spotcheck/products/{id}/producers', 'get'>['items'][number];
export type ProducersAdded = ResponseOf<'/api/spotcheck/products/{id}/producers', 'post'>;
export type ProducerQuery = QueryOf<'/api/spotcheck/products/{id}/producers', 'get'>;
export type NewLink = ResponseOf<'/api/spotcheck/products/{id}/links', 'post'>;
/** Complaints and cases offered for linking (searched by their numbers). */
export type ComplaintRow = ResponseOf<'/api/complaints', 'get'>['items'][number];
export type CaseRow = ResponseOf<'/api/cases', 'get'>['items'][number];
export type SamplingPlanQuery = QueryOf<'/api/spotcheck/sampling-plan', 'get'>;
export type SamplingPlan = ResponseOf<'/api/spotcheck/sampling-plan', 'get'>;

export type LinkKind = BodyOf<'/api/spotcheck/products/{id}/links', 'post'>['kind'];

// ---- plans, suggestions and lots ----
export type PlanRow = ResponseOf<'/api/spotcheck/plans', 'get'>['items'][number];
export type PlanQuery = QueryOf<'/api/spotcheck/plans', 'get'>;
export type Plan = ResponseOf<'/api/spotcheck/plans/{id}', 'get'>;
export type PlanLine = Plan['lines'][number];
export type PlanKind = Plan['kind'];
export type PlanStatus = Plan['status'];
export type Reason = PlanLine['reasons'][number];
export type ScoreWeights = Plan['scoreWeights'];
export type PassRateRule = Plan['passRateRule'];
export type GenerateInput = BodyOf<'/api/spotcheck/plans/generate', 'post'>;
export type SpecialPlanInput = BodyOf<'/api/spotcheck/plans', 'post'>;
export type PlanPatch = BodyOf<'/api/spotcheck/plans/{id}', 'patch'>;
export type LineInput = BodyOf<'/api/spotcheck/plans/{id}/lines/{productId}', 'put'>;
export type LotRow = ResponseOf<'/api/spotcheck/lots', 'get'>['items'][number];
export type LotQuery = QueryOf<'/api/spotcheck/lots', 'get'>;
export type Suggestion = ResponseOf<'/api/spotcheck/suggestions', 'get'>['items'][number];
export type SuggestionQuery = QueryOf<'/api/spotcheck/suggestions', 'get'>;
export type SuggestionInput = BodyOf<'/api/spotcheck/suggestions', 'post'>;

// ---- enumerations in display order ----
const CATEGORY_ORDER: Record<ProductCategory, number> = { daily_consumer: 1, agricultural_inputs: 2, building_materials: 3, automotive: 4, electrical: 5, food_related: 6, children: 7, other: 8 };
export const PRODUCT_CATEGORIES = Object.keys(CATEGORY_ORDER) as ProductCategory[];
const KIND_ORDER: Record<PlanKind, number> = { annual: 1, special: 2 };
export const PLAN_KINDS = Object.keys(KIND_ORDER) as PlanKind[];
const STATUS_ORDER: Record<PlanStatus, number> = { draft: 1, approved: 2, closed: 3 };
export const PLAN_STATUSES = Object.keys(STATUS_ORDER) as PlanStatus[];
/** GB/T 2828.1 inspection levels: general I–III, special S-1…S-4. */
export type InspectionLevel = NonNullable<ProductInput['inspectionLevel']>;
export const INSPECTION_LEVELS: readonly InspectionLevel[] = ['I', 'II', 'III', 'S-1', 'S-2', 'S-3', 'S-4'];
/** The AQL series of GB/T 2828.1's master table (percent nonconforming up to 10, per hundred units above). */
export const AQL_SERIES = ['0.010', '0.015', '0.025', '0.040', '0.065', '0.10', '0.15', '0.25', '0.40', '0.65', '1.0', '1.5', '2.5', '4.0', '6.5', '10', '15', '25', '40', '65', '100', '150', '250', '400', '650', '1000'] as const;
export const QUARTERS = [1, 2, 3, 4] as const;

const enc = encodeURIComponent;
const product = (id: string) => `/api/spotcheck/products/${enc(id)}`;
const plan = (id: string) => `/api/spotcheck/plans/${enc(id)}`;
type Versioned = { id: string; version: number };

export const spotchecksApi = {
  products: (q: ProductQuery) => api.get<ListResult<ProductRow>>('/api/spotcheck/products', q),
  product: (id: string) => api.get<Product>(product(id)),
  createProduct: (input: ProductInput) => api.post<Product>('/api/spotcheck/products', input),
  updateProduct: (p: Versioned, input: ProductPatch) => api.patch<Product>(product(p.id), input, p.version),
  history: (id: string) => api.get<ProductHistory>(`${product(id)}/history`),
  putHistory: (id: string, year: number, input: HistoryInput) => api.put<HistoryEntry>(`${product(id)}/history/${year}`, input),
  deleteHistory: (id: string, year: number) => api.del(`${product(id)}/history/${year}`),
  producers: (id: string, q: ProducerQuery) => api.get<ListResult<Producer>>(`${product(id)}/producers`, q),
  addProducers: (id: string, usccs: string[]) => api.post<ProducersAdded>(`${product(id)}/producers`, { usccs }),
  importProducers: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.postForm<ProducersAdded>(`${product(id)}/producers/import`, form);
  },
  removeProducer: (id: string, enterpriseId: string) => api.del(`${product(id)}/producers/${enc(enterpriseId)}`),
  link: (id: string, kind: LinkKind, refId: string) => api.post<NewLink>(`${product(id)}/links`, { kind, refId }),
  findComplaints: (q: string) => api.get<ListResult<ComplaintRow>>('/api/complaints', { q, pageSize: 20 }),
  findCases: (q: string) => api.get<ListResult<CaseRow>>('/api/cases', { q, pageSize: 20 }),
  unlink: (id: string, linkId: string) => api.del(`${product(id)}/links/${enc(linkId)}`),

  plans: (q: PlanQuery) => api.get<ListResult<PlanRow>>('/api/spotcheck/plans', q),
  plan: (id: string) => api.get<Plan>(plan(id)),
  generate: (input: GenerateInput) => api.post<Plan>('/api/spotcheck/plans/generate', input),
  createSpecial: (input: SpecialPlanInput) => api.post<Plan>('/api/spotcheck/plans', input),
  updatePlan: (p: Versioned, input: PlanPatch) => api.patch<Plan>(plan(p.id), input, p.version),
  putLine: (p: Versioned, productId: string, input: LineInput) => api.put<Plan>(`${plan(p.id)}/lines/${enc(productId)}`, input, p.version),
  removeLine: (p: Versioned, productId: string) => api.del<Plan>(`${plan(p.id)}/lines/${enc(productId)}`, p.version),
  approve: (p: Versioned) => api.post<Plan>(`${plan(p.id)}/approve`, {}, p.version),
  close: (p: Versioned) => api.post<Plan>(`${plan(p.id)}/close`, {}, p.version),
  lots: (q: LotQuery) => api.get<ListResult<LotRow>>('/api/spotcheck/lots', q),

  suggestions: (q: SuggestionQuery) => api.get<ListResult<Suggestion>>('/api/spotcheck/suggestions', q),
  suggest: (input: SuggestionInput) => api.post<Suggestion>('/api/spotcheck/suggestions', input),

  samplingPlan: (q: SamplingPlanQuery) => api.get<SamplingPlan>('/api/spotcheck/sampling-plan', q),
};

export const productPath = (id: string) => `/spotcheck/products/${enc(id)}`;
export const planPath = (id: string) => `/spotcheck/plans/${enc(id)}`;
/** The lots' pages (module spotcheck-lots). */
export const lotPath = (id: string) => `/spotcheck/lots/${enc(id)}`;
export const lotsOfPlanPath = (planId: string) => `/spotcheck/lots?planId=${enc(planId)}`;
export const enterprisePagePath = (uscc: string) => `/enterprises/${enc(uscc)}`;
export const complaintPath = (id: string) => `/complaints/${enc(id)}`;
export const casePagePath = (id: string) => `/cases/${enc(id)}`;
