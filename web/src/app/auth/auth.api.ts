import { api } from '../../api/client';
import type { ChangePasswordInput, LoginInput, SessionResponse } from '../../api/types';

export const authApi = {
  login: (input: LoginInput) => api.post<SessionResponse>('/api/auth/login', input),
  logout: () => api.post<void>('/api/auth/logout'),
  session: () => api.get<SessionResponse>('/api/auth/session'),
  changePassword: (input: ChangePasswordInput) => api.post<void>('/api/auth/password', input),
};
