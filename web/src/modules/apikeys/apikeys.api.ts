import { api } from '../../api/client';
import type { ApiKey, CreateApiKeyInput, CreatedApiKey, ListResult, PageQuery } from '../../api/types';

export const apiKeysApi = {
  list: (query: PageQuery = {}) => api.get<ListResult<ApiKey>>('/api/api-keys', query),
  create: (input: CreateApiKeyInput) => api.post<CreatedApiKey>('/api/api-keys', input),
  revoke: (id: string) => api.del(`/api/api-keys/${encodeURIComponent(id)}`),
};
