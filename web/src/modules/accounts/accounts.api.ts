import { api } from '../../api/client';
import type { BodyOf, ListResult, PageQuery, ResponseOf } from '../../api/types';

// The enterprise-account API's types, derived from the generated OpenAPI schema like those in api/types.ts.
export type EnterpriseAccount = ResponseOf<'/api/enterprise-accounts', 'get'>['items'][number];
export type AccountRequest = ResponseOf<'/api/enterprise-account-requests/{id}', 'get'>;
export type AccountRequestStatus = AccountRequest['status'];
export type CreateAccountInput = BodyOf<'/api/enterprise-accounts', 'post'>;
export type ApplyInput = BodyOf<'/api/public/enterprise-account-requests', 'post'>;
export type DecisionInput = BodyOf<'/api/enterprise-account-requests/{id}/decision', 'post'>;
export type RequestStatusAnswer = ResponseOf<'/api/public/enterprise-account-requests/{requestNo}', 'get'>;

const accountPath = (userId: string) => `/api/enterprise-accounts/${encodeURIComponent(userId)}`;
const requestPath = (id: string) => `/api/enterprise-account-requests/${encodeURIComponent(id)}`;

export const accountsApi = {
  list: (query: PageQuery & { uscc?: string }) => api.get<ListResult<EnterpriseAccount>>('/api/enterprise-accounts', query),
  create: (input: CreateAccountInput) => api.post<{ user: EnterpriseAccount; initialPassword: string }>('/api/enterprise-accounts', input),
  setActive: (account: EnterpriseAccount, active: boolean) => api.post<EnterpriseAccount>(`${accountPath(account.userId)}/${active ? 'enable' : 'disable'}`, {}, account.version),
  resetPassword: (account: EnterpriseAccount) => api.post<{ initialPassword: string }>(`${accountPath(account.userId)}/reset-password`, {}, account.version),
  requests: (query: PageQuery & { status?: AccountRequestStatus }) => api.get<ListResult<AccountRequest>>('/api/enterprise-account-requests', query),
  request: (id: string) => api.get<AccountRequest>(requestPath(id)),
  reveal: (id: string) => api.post<{ applicantName: string; phone: string }>(`${requestPath(id)}/reveal`, {}),
  decide: (request: AccountRequest, input: DecisionInput) => api.post<AccountRequest & { initialPassword?: string }>(`${requestPath(request.id)}/decision`, input, request.version),
};

/** The public site's calls (no sign-in, rate-limited per client: 429). */
export const accountRequestsPublicApi = {
  apply: (input: ApplyInput) => api.post<{ requestNo: string }>('/api/public/enterprise-account-requests', input),
  status: (requestNo: string) => api.get<RequestStatusAnswer>(`/api/public/enterprise-account-requests/${encodeURIComponent(requestNo)}`),
};
