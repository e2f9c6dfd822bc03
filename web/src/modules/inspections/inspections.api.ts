import { api } from '../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../api/types';

// The random-inspection API's types, derived from the generated OpenAPI schema like those in api/types.ts.
export type InspectionItem = ResponseOf<'/api/inspection-items/{id}', 'get'>;
export type ItemQuery = QueryOf<'/api/inspection-items', 'get'>;
export type ItemInput = BodyOf<'/api/inspection-items', 'post'>;
export type TargetKind = InspectionItem['targetKind'];
export type Question = InspectionItem['checklist'][number];
export type AnswerType = Question['answerType'];
export type Severity = NonNullable<Question['finding']>['severity'];

export type Inspector = ResponseOf<'/api/inspectors/{userId}', 'get'>;
export type InspectorQuery = QueryOf<'/api/inspectors', 'get'>;
export type InspectorInput = BodyOf<'/api/inspectors/{userId}', 'put'>;

export type ObjectPool = ResponseOf<'/api/object-pools/{id}', 'get'>;
export type PoolInput = BodyOf<'/api/object-pools', 'post'>;
export type PoolFilter = PoolInput['filter'];

export type Plan = ResponseOf<'/api/inspection-plans/{id}', 'get'>;
export type PlanQuery = QueryOf<'/api/inspection-plans', 'get'>;
export type PlanInput = BodyOf<'/api/inspection-plans', 'post'>;
export type PlanMode = Plan['mode'];
export type PlanPreview = ResponseOf<'/api/inspection-plans/{id}/preview', 'get'>;
export type PlanTemplate = ResponseOf<'/api/inspection-plan-templates', 'get'>['items'][number];
export type TemplateInput = BodyOf<'/api/inspection-plan-templates/{key}/apply', 'post'>;
export type TemplateResult = ResponseOf<'/api/inspection-plan-templates/{key}/apply', 'post'>;

/** A plan's draw in its history (GET /api/inspection-plans/:id/draws). */
export type DrawSummary = ResponseOf<'/api/inspection-plans/{id}/draws', 'get'>['items'][number];

const enc = encodeURIComponent;

export const itemsApi = {
  list: (query: ItemQuery) => api.get<ListResult<InspectionItem>>('/api/inspection-items', query),
  create: (input: ItemInput) => api.post<InspectionItem>('/api/inspection-items', input),
  update: (id: string, input: Partial<ItemInput>, version?: number) => api.patch<InspectionItem>(`/api/inspection-items/${enc(id)}`, input, version),
};

export const inspectorsApi = {
  list: (query: InspectorQuery) => api.get<ListResult<Inspector>>('/api/inspectors', query),
  /** Lists the user in the pool, or changes their entry. */
  /** `version`: the profile's version as loaded, 0 when adding (If-Match). */
  put: (userId: string, input: InspectorInput, version?: number) => api.put<Inspector>(`/api/inspectors/${enc(userId)}`, input, version),
  remove: (userId: string, version?: number) => api.del(`/api/inspectors/${enc(userId)}`, version),
};

export const poolsApi = {
  /** Every pool in the user's scope with its current size (not paged by the server). */
  all: () => api.get<ListResult<ObjectPool>>('/api/object-pools'),
  create: (input: PoolInput) => api.post<ObjectPool>('/api/object-pools', input),
};

export const plansApi = {
  /** Every plan in the user's scope, of one year or all (not paged by the server). */
  all: (query: PlanQuery = {}) => api.get<ListResult<Plan>>('/api/inspection-plans', query),
  get: (id: string) => api.get<Plan>(`/api/inspection-plans/${enc(id)}`),
  create: (input: PlanInput) => api.post<Plan>('/api/inspection-plans', input),
  preview: (id: string) => api.get<PlanPreview>(`/api/inspection-plans/${enc(id)}/preview`),
  draws: (id: string) => api.get<ListResult<DrawSummary>>(`/api/inspection-plans/${enc(id)}/draws`),
};

/** Ready-made plans (the metrology rule): applying one creates its object pool and its plan. */
export const templatesApi = {
  list: () => api.get<ListResult<PlanTemplate>>('/api/inspection-plan-templates'),
  apply: (key: string, input: TemplateInput) => api.post<TemplateResult>(`/api/inspection-plan-templates/${enc(key)}/apply`, input),
};

export const drawsApi = {
  cancel: (id: string, reason: string) => api.post(`/api/draws/${enc(id)}/cancel`, { reason }),
};
