import { api } from '../../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../../api/types';

// The exit procedures' types, derived from the generated OpenAPI schema like those in api/types.ts.
export type ExitDetail = ResponseOf<'/api/licence-exits/{id}', 'get'>;
export type Exit = ResponseOf<'/api/licence-exits/{id}/investigation', 'post'>;
export type ExitKind = Exit['kind'];
export type ExitStage = Exit['stage'];
export type ExitOutcome = Exit['allowedOutcomes'][number];
export type LawArea = NonNullable<Exit['lawArea']>;
export type ExitQuery = QueryOf<'/api/licence-exits', 'get'>;
export type OpenExitInput = BodyOf<'/api/licence-exits', 'post'>;
export type TriggerSource = OpenExitInput['triggerSource'];
export type InvestigationInput = BodyOf<'/api/licence-exits/{id}/investigation', 'post'>;
export type ExitDecisionInput = BodyOf<'/api/licence-exits/{id}/decision', 'post'>;

const path = (id: string) => `/api/licence-exits/${encodeURIComponent(id)}`;

export const exitsApi = {
  list: (query: ExitQuery) => api.get<ListResult<Exit>>('/api/licence-exits', query),
  get: (id: string) => api.get<ExitDetail>(path(id)),
  open: (input: OpenExitInput) => api.post<Exit>('/api/licence-exits', input),
  investigate: (id: string, input: InvestigationInput, version?: number) => api.post<Exit>(`${path(id)}/investigation`, input, version),
  decide: (id: string, input: ExitDecisionInput, version?: number) => api.post<Exit>(`${path(id)}/decision`, input, version),
};
