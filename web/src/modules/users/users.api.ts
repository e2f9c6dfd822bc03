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
  update: (id: string, input: UpdateUserInput) => api.patch<User>(path(id), input),
  resetPassword: (id: string, input: ResetPasswordInput) => api.post<void>(`${path(id)}/reset-password`, input),
  unlock: (id: string) => api.post<void>(`${path(id)}/unlock`),
};
