import { api } from '../../api/client';
import type { BodyOf, ExportFormat, ListResult, QueryOf, ResponseOf } from '../../api/types';
import { exportUrl, importFile, type ImportMode } from '../../app/files/files.api';

// The licence API's types, derived from the generated OpenAPI schema like those in api/types.ts.
export type Licence = ResponseOf<'/api/licences/{id}', 'get'>;
export type LicenceState = Licence['state'];
export type LicenceQuery = QueryOf<'/api/licences', 'get'>;
export type LicenceType = ResponseOf<'/api/licence-types', 'get'>['items'][number];
export type CreateLicenceInput = BodyOf<'/api/licences', 'post'>;
export type Transition = ResponseOf<'/api/licences/{id}/transitions', 'get'>['items'][number];
export type TransitionInput = BodyOf<'/api/licences/{id}/transitions', 'post'>;
export type TransitionTarget = TransitionInput['to'];

/** The answer to a measure: the licence when applied (200), the pending request when it needs approval (202). */
export type TransitionResult = { applied: true; licence: Licence } | { applied: false; request: Transition };

const path = (id: string) => `/api/licences/${encodeURIComponent(id)}`;
const requestPath = (id: string, requestId: string) => `${path(id)}/transitions/${encodeURIComponent(requestId)}`;

export const licencesApi = {
  types: () => api.get<ListResult<LicenceType>>('/api/licence-types'),
  list: (query: LicenceQuery) => api.get<ListResult<Licence>>('/api/licences', query),
  get: (id: string) => api.get<Licence>(path(id)),
  create: (input: CreateLicenceInput) => api.post<Licence>('/api/licences', input),
  import: (file: File, mode: ImportMode) => importFile('/api/licences/import', file, mode),
  /** The download address of the list under `query` (same filters). */
  exportUrl: (format: ExportFormat, query: LicenceQuery) => exportUrl('/api/licences/export', format, query),
  /** The notice (告知书) generated on issuing, as a download link. */
  noticeUrl: (id: string) => `${path(id)}/notice`,
  timeline: (id: string) => api.get<ListResult<Transition>>(`${path(id)}/transitions`),
  /** Both answers are JSON objects; a pending request is told apart by its `status`. */
  transition: async (id: string, input: TransitionInput, version?: number): Promise<TransitionResult> => {
    const answer = await api.post<Licence | Transition>(`${path(id)}/transitions`, input, version);
    return 'status' in answer ? { applied: false, request: answer } : { applied: true, licence: answer };
  },
  /** `version` on measures and decisions: the licence's version as loaded (If-Match). */
  approve: (id: string, requestId: string, version?: number) => api.post<Licence>(`${requestPath(id, requestId)}/approve`, {}, version),
  reject: (id: string, requestId: string, note: string, version?: number) => api.post<Licence>(`${requestPath(id, requestId)}/reject`, { note }, version),
};
