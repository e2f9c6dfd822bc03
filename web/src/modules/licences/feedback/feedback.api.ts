import { api } from '../../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../../api/types';
import { importFile, type ImportMode } from '../../../app/files/files.api';

// The feedback queue's types, derived from the generated OpenAPI schema like those in api/types.ts.
export type FeedbackDetail = ResponseOf<'/api/feedback/{id}', 'get'>;
export type Feedback = ResponseOf<'/api/feedback', 'get'>['items'][number];
export type FeedbackKind = Feedback['kind'];
export type FeedbackQuery = QueryOf<'/api/feedback', 'get'>;
export type FeedbackInput = BodyOf<'/api/feedback', 'post'>;
export type FeedbackDecisionInput = BodyOf<'/api/feedback/{id}/decision', 'post'>;
export type FeedbackDecision = FeedbackDecisionInput['decision'];
export type HolderLicence = FeedbackDetail['licences'][number];

const path = (id: string) => `/api/feedback/${encodeURIComponent(id)}`;

export const feedbackApi = {
  list: (query: FeedbackQuery) => api.get<ListResult<Feedback>>('/api/feedback', query),
  get: (id: string) => api.get<FeedbackDetail>(path(id)),
  create: (input: FeedbackInput) => api.post<Feedback>('/api/feedback', input),
  decide: (id: string, input: FeedbackDecisionInput, version?: number) => api.post<FeedbackDetail>(`${path(id)}/decision`, input, version),
  import: (file: File, mode: ImportMode) => importFile('/api/feedback/import', file, mode),
};
