import { api } from '../../api/client';
import type {
  CreateUserInput,
  ListResult,
  ResetPasswordInput,
  UpdateUserInput,
  User,
  UserQuery,
} from '../../api/types';

const path = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export const usersApi = {
  list: (query: UserQuery) => api.get<ListResult<User>>('/api/users', query),
  get: (id: string) => api.get<User>(path(id)),
  create: (input: CreateUserInput) => api.post<User>('/api/users', input),
  /** `version` on every change: the user's version as loaded (If-Match). */
  update: (id: string, input: UpdateUserInput, version?: number) => api.patch<User>(path(id), input, version),
  resetPassword: (id: string, input: ResetPasswordInput, version?: number) => api.post<void>(`${path(id)}/reset-password`, input, version),
  unlock: (id: string, version?: number) => api.post<void>(`${path(id)}/unlock`, undefined, version),
};
