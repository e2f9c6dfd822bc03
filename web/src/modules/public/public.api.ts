import { api } from '../../api/client';
import type { PublicEnterprise } from '../../api/types';

// The public record's sections, derived from the generated OpenAPI schema like those in api/types.ts.
export type PublicLicence = PublicEnterprise['licences'][number];
export type PublicRevocation = PublicEnterprise['revocations'][number];

export const publicApi = {
  /** No login; rate-limited per client (429 RATE_LIMITED). */
  enterprise: (uscc: string) => api.get<PublicEnterprise>(`/api/public/enterprises/${encodeURIComponent(uscc)}`),
};
