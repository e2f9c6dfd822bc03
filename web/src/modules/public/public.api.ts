import { api } from '../../api/client';
import type { PublicEnterprise } from '../../api/types';

// The licence sections of the public record, written by hand like the server's PublicRecord until
// the OpenAPI types (api/schema.d.ts) are regenerated with them.
export interface PublicLicence {
  typeName: string;
  number: string;
  scope: string | null;
  issuedOn: string;
  expiresOn: string | null;
  issuer: string;
}
export interface PublicRevocation {
  typeName: string;
  number: string;
  kind: 'revoked' | 'withdrawn';
  decidedOn: string;
  documentNo: string;
}
export type PublicRecord = PublicEnterprise & { licences: PublicLicence[]; revocations: PublicRevocation[] };

export const publicApi = {
  /** No login; rate-limited per client (429 RATE_LIMITED). */
  enterprise: (uscc: string) => api.get<PublicRecord>(`/api/public/enterprises/${encodeURIComponent(uscc)}`),
};
