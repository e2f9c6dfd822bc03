import { api } from '../../api/client';
import type { CreateOrgInput, ListResult, Org, OrgQuery, UpdateOrgInput } from '../../api/types';

export const orgsApi = {
  list: (query: OrgQuery) => api.get<ListResult<Org>>('/api/orgs', query),
  /** Every org visible to the caller (for trees and selects). */
  all: () => api.get<ListResult<Org>>('/api/orgs', { pageSize: 500 }),
  get: (id: string) => api.get<Org>(`/api/orgs/${encodeURIComponent(id)}`),
  create: (input: CreateOrgInput) => api.post<Org>('/api/orgs', input),
  update: (id: string, input: UpdateOrgInput, version?: number) => api.patch<Org>(`/api/orgs/${encodeURIComponent(id)}`, input, version),
};
