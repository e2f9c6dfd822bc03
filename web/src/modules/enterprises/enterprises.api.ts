import { api } from '../../api/client';
import { exportUrl, importFile, type ImportMode } from '../../app/files/files.api';
import type {
  CreateEnterpriseInput,
  Enterprise,
  EnterpriseHistory,
  EnterpriseQuery,
  ExportFormat,
  ListResult,
  UpdateEnterpriseInput,
} from '../../api/types';

const path = (uscc: string) => `/api/enterprises/${encodeURIComponent(uscc)}`;

export const enterprisesApi = {
  list: (query: EnterpriseQuery) => api.get<ListResult<Enterprise>>('/api/enterprises', query),
  get: (uscc: string) => api.get<Enterprise>(path(uscc)),
  create: (input: CreateEnterpriseInput) => api.post<Enterprise>('/api/enterprises', input),
  /** `version`: the enterprise's version as loaded (If-Match). */
  update: (uscc: string, input: UpdateEnterpriseInput, version?: number) => api.patch<Enterprise>(path(uscc), input, version),
  history: (uscc: string) => api.get<EnterpriseHistory>(`${path(uscc)}/history`),
  import: (file: File, mode: ImportMode) => importFile('/api/enterprises/import', file, mode),
  /** The download address of the list under `query`. */
  exportUrl: (format: ExportFormat, query: EnterpriseQuery) => exportUrl('/api/enterprises/export', format, query),
};
