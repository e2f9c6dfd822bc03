import { api } from '../../api/client';
import type { CreateRoleInput, ListResult, PageQuery, Permission, Role, UpdateRoleInput } from '../../api/types';

export const rolesApi = {
  list: (query: PageQuery = {}) => api.get<ListResult<Role>>('/api/roles', query),
  permissions: () => api.get<ListResult<Permission>>('/api/permissions'),
  create: (input: CreateRoleInput) => api.post<Role>('/api/roles', input),
  update: (key: string, input: UpdateRoleInput, version?: number) => api.patch<Role>(`/api/roles/${encodeURIComponent(key)}`, input, version),
};
