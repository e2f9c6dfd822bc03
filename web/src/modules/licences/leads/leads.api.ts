import { api } from '../../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../../api/types';

// The leads API's types, derived from the generated OpenAPI schema like those in api/types.ts.
export type Lead = ResponseOf<'/api/unlicensed-leads/{id}', 'get'>;
export type LeadStatus = Lead['status'];
export type LeadOutcome = NonNullable<Lead['outcome']>;
export type LeadQuery = QueryOf<'/api/unlicensed-leads', 'get'>;
export type CreateLeadInput = BodyOf<'/api/unlicensed-leads', 'post'>;
export type CloseLeadInput = BodyOf<'/api/unlicensed-leads/{id}/close', 'post'>;

const path = (id: string) => `/api/unlicensed-leads/${encodeURIComponent(id)}`;

export const leadsApi = {
  list: (query: LeadQuery) => api.get<ListResult<Lead>>('/api/unlicensed-leads', query),
  get: (id: string) => api.get<Lead>(path(id)),
  create: (input: CreateLeadInput) => api.post<Lead>('/api/unlicensed-leads', input),
  assign: (id: string, assigneeId: string, version?: number) => api.post<Lead>(`${path(id)}/assign`, { assigneeId }, version),
  close: (id: string, input: CloseLeadInput, version?: number) => api.post<Lead>(`${path(id)}/close`, input, version),
};
