/**
 * Calls of the spot-check planning pages (issue 19; /work/notes/API-SPEC.md: catalogue/, plans/,
 * sampling-plan/, and the lots' applications). Shapes written from the spec until the server's
 * routes exist; then derived from the generated schema (ResponseOf/BodyOf/QueryOf).
 */
import { api } from '../../api/client';
import type { ListResult, PageQuery } from '../../api/types';

// ---- the API's shapes (API-SPEC) ----
export type ProductCategory = 'daily_consumer' | 'agricultural_inputs' | 'building_materials' | 'automotive' | 'electrical' | 'food_related' | 'children' | 'other';
export interface TestItem {
  name: string;
  requirement: string;
  method: string;
  critical?: boolean;
}
export interface ProductRow {
  id: string;
  code: string;
  name: string;
  category: ProductCategory;
  impact: number;
  batchCost: number;
  sampleSize: number | null;
  sampleUnit: string | null;
  inspectionLevel: string | null;
  aql: string | null;
  active: boolean;
  producerCount: number;
  lastPassRate: { year: number; rate: number } | null;
  version: number;
}
export interface Product extends ProductRow {
  testItems: TestItem[];
  standards: string[];
  note: string | null;
}
export interface ProductInput {
  code: string;
  name: string;
  category: ProductCategory;
  impact: number;
  batchCost: number;
  testItems: TestItem[];
  standards: string[];
  sampleSize?: number | null;
  sampleUnit?: string | null;
  inspectionLevel?: string | null;
  aql?: string | null;
  note?: string | null;
  active?: boolean;
}
export interface ProductQuery extends PageQuery {
  q?: string;
  category?: ProductCategory;
  active?: boolean;
}
export interface HistoryYear {
  year: number;
  batches: number;
  passed: number;
  passRate: number | null;
  failingItems: { item: string; count: number }[];
  source: 'system' | 'history' | 'both';
}
export interface ProductLink {
  id: string;
  refId: string;
  refNo: string;
  refOn: string;
  linkedByName: string;
}
export interface ProductSuggestion {
  id: string;
  year: number;
  orgName: string;
  reason: string;
  enterpriseName: string | null;
  createdByName: string;
  createdAt: string;
}
export interface ProductHistory {
  years: HistoryYear[];
  complaints: ProductLink[];
  cases: ProductLink[];
  suggestions: ProductSuggestion[];
}
export interface HistoryInput {
  batches: number;
  passed: number;
  failingItems: string[];
  note?: string;
}
export interface Producer {
  enterpriseId: string;
  uscc: string;
  name: string;
  regionCode: string;
  source: 'register' | 'import';
  addedAt: string;
  lastSampledOn: string | null;
}
export interface ProducersAdded {
  added: number;
  alreadyListed: number;
}
export type LinkKind = 'complaint' | 'case';

export type PlanKind = 'annual' | 'special';
export type PlanStatus = 'draft' | 'approved' | 'closed';
export interface Reason {
  code: string;
  text: string;
}
export interface ScoreWeights {
  price: number;
  capability: number;
  record: number;
  locality: number;
}
export interface PassRateRule {
  mode: 'skip' | 'reduce';
  reducePercent?: number;
}
export interface PlanRow {
  id: string;
  kind: PlanKind;
  year: number;
  name: string;
  status: PlanStatus;
  budget: number;
  totalCost: number;
  totalBatches: number;
  lineCount: number;
  lotCount: number;
  windowEndsOn: string | null;
  approvedAt: string | null;
  version: number;
}
export interface PlanLine {
  id: string;
  productId: string;
  productCode: string;
  productName: string;
  category: ProductCategory;
  impact: number;
  batches: number;
  quarter: number;
  cost: number;
  reasons: Reason[];
  edited: boolean;
}
export interface Plan {
  id: string;
  kind: PlanKind;
  year: number;
  name: string;
  status: PlanStatus;
  budget: number;
  passRateRule: PassRateRule;
  scoreWeights: ScoreWeights;
  windowEndsOn: string | null;
  windowOpen: boolean;
  totalCost: number;
  totalBatches: number;
  lines: PlanLine[];
  excluded: { productCode: string; reason: Reason }[];
  createdByName: string;
  approvedByName: string | null;
  approvedAt: string | null;
  version: number;
}
export interface PlanQuery extends PageQuery {
  year?: number;
  kind?: PlanKind;
  status?: PlanStatus;
}
export interface GenerateInput {
  year: number;
  budget: number;
  passRateRule?: PassRateRule;
  scoreWeights?: ScoreWeights;
  windowEndsOn?: string;
}
export interface SpecialPlanInput {
  name: string;
  year: number;
  budget: number;
  lines: { productId: string; batches: number; quarter: number }[];
  scoreWeights?: ScoreWeights;
}
export interface PlanPatch {
  name?: string;
  budget?: number;
  windowEndsOn?: string | null;
  scoreWeights?: ScoreWeights;
}
export interface LotRow {
  id: string;
  lotNo: string;
  planId: string;
  productId: string;
  productCode: string;
  productName: string;
  quarter: number;
  batches: number;
  status: 'open' | 'assigned' | 'drawn' | 'closed';
  institutionName: string | null;
  applicationCount: number;
}
export interface Suggestion {
  id: string;
  year: number;
  productId: string | null;
  productCode: string | null;
  productName: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  uscc: string | null;
  reason: string;
  orgName: string;
  createdByName: string;
  createdAt: string;
}
export interface SuggestionInput {
  year: number;
  productId?: string;
  uscc?: string;
  reason: string;
}
export interface SamplingPlanQuery {
  lotSize: number;
  level: string;
  aql: string;
}
export interface SamplingPlan {
  codeLetter: string;
  sampleSize: number;
  ac: number;
  re: number;
}

// ---- enumerations in display order ----
export const PRODUCT_CATEGORIES: ProductCategory[] = ['daily_consumer', 'agricultural_inputs', 'building_materials', 'automotive', 'electrical', 'food_related', 'children', 'other'];
export const PLAN_KINDS: PlanKind[] = ['annual', 'special'];
export const PLAN_STATUSES: PlanStatus[] = ['draft', 'approved', 'closed'];
/** GB/T 2828.1 inspection levels: general I–III, special S-1…S-4. */
export const INSPECTION_LEVELS = ['I', 'II', 'III', 'S-1', 'S-2', 'S-3', 'S-4'] as const;
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
  updateProduct: (p: Versioned, input: Partial<ProductInput>) => api.patch<Product>(product(p.id), input, p.version),
  history: (id: string) => api.get<ProductHistory>(`${product(id)}/history`),
  putHistory: (id: string, year: number, input: HistoryInput) => api.put<HistoryYear>(`${product(id)}/history/${year}`, input),
  deleteHistory: (id: string, year: number) => api.del(`${product(id)}/history/${year}`),
  producers: (id: string, q: PageQuery & { q?: string }) => api.get<ListResult<Producer>>(`${product(id)}/producers`, q),
  addProducers: (id: string, usccs: string[]) => api.post<ProducersAdded>(`${product(id)}/producers`, { usccs }),
  importProducers: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.postForm<ProducersAdded>(`${product(id)}/producers/import`, form);
  },
  removeProducer: (id: string, enterpriseId: string) => api.del(`${product(id)}/producers/${enc(enterpriseId)}`),
  link: (id: string, kind: LinkKind, refId: string) => api.post<ProductLink>(`${product(id)}/links`, { kind, refId }),
  unlink: (id: string, linkId: string) => api.del(`${product(id)}/links/${enc(linkId)}`),

  plans: (q: PlanQuery) => api.get<ListResult<PlanRow>>('/api/spotcheck/plans', q),
  plan: (id: string) => api.get<Plan>(plan(id)),
  generate: (input: GenerateInput) => api.post<Plan>('/api/spotcheck/plans/generate', input),
  createSpecial: (input: SpecialPlanInput) => api.post<Plan>('/api/spotcheck/plans', input),
  updatePlan: (p: Versioned, input: PlanPatch) => api.patch<Plan>(plan(p.id), input, p.version),
  putLine: (p: Versioned, productId: string, input: { batches: number; quarter: number }) => api.put<Plan>(`${plan(p.id)}/lines/${enc(productId)}`, input, p.version),
  removeLine: (p: Versioned, productId: string) => api.del<Plan>(`${plan(p.id)}/lines/${enc(productId)}`, p.version),
  approve: (p: Versioned) => api.post<Plan>(`${plan(p.id)}/approve`, {}, p.version),
  close: (p: Versioned) => api.post<Plan>(`${plan(p.id)}/close`, {}, p.version),
  lots: (q: PageQuery & { planId?: string; year?: number }) => api.get<ListResult<LotRow>>('/api/spotcheck/lots', q),

  suggestions: (q: PageQuery & { year?: number; productId?: string }) => api.get<ListResult<Suggestion>>('/api/spotcheck/suggestions', q),
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
