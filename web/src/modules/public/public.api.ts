import { api } from '../../api/client';
import type { PublicEnterprise } from '../../api/types';

export const publicApi = {
  /** No login; rate-limited per client (429 RATE_LIMITED). */
  enterprise: (uscc: string) => api.get<PublicEnterprise>(`/api/public/enterprises/${encodeURIComponent(uscc)}`),
};
