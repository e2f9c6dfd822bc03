import { api } from '../../../api/client';
import type { ListResult, ResponseOf } from '../../../api/types';

export type LicenceDocument = ResponseOf<'/api/licences/{id}/documents', 'get'>['items'][number];
export type LicenceDocumentKind = LicenceDocument['kind'];

const path = (licenceId: string) => `/api/licences/${encodeURIComponent(licenceId)}/documents`;

/** A licence's attachments and generated documents. */
export const licenceDocumentsApi = {
  list: (licenceId: string) => api.get<ListResult<LicenceDocument>>(path(licenceId)),
  upload: (licenceId: string, file: File) => api.postFile<LicenceDocument>(path(licenceId), file),
  /** A download link (the browser sends the session cookie). */
  downloadUrl: (licenceId: string, documentId: string) => `${path(licenceId)}/${encodeURIComponent(documentId)}`,
};
