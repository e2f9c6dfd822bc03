import { api } from '../../../api/client';
import type { BodyOf, ListResult, ResponseOf } from '../../../api/types';
import type { LicenceType } from '../licences.api';

export type CreateLicenceTypeInput = BodyOf<'/api/licence-types', 'post'>;
export type UpdateLicenceTypeInput = BodyOf<'/api/licence-types/{key}', 'patch'>;
export type ApprovalRule = ResponseOf<'/api/licence-approval-rules', 'get'>['items'][number];

const typePath = (key: string) => `/api/licence-types/${encodeURIComponent(key)}`;

/** Administration of the licence-type dictionary and of which measures need approval. */
export const licenceSettingsApi = {
  createType: (input: CreateLicenceTypeInput) => api.post<LicenceType>('/api/licence-types', input),
  updateType: (key: string, input: UpdateLicenceTypeInput, version?: number) => api.patch<LicenceType>(typePath(key), input, version),
  approvalRules: () => api.get<ListResult<ApprovalRule>>('/api/licence-approval-rules'),
  /** `version`: the rule's version as listed (0: never set). */
  setApprovalRule: (to: ApprovalRule['to'], requiresApproval: boolean, version?: number) =>
    api.put<ApprovalRule>(`/api/licence-approval-rules/${encodeURIComponent(to)}`, { requiresApproval }, version),
};
