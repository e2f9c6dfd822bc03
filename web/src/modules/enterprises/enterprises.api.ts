import { api, buildUrl } from '../../api/client';
import type {
  CreateEnterpriseInput,
  Enterprise,
  EnterpriseHistory,
  EnterpriseQuery,
  ExportFormat,
  ImportResult,
  ListResult,
  UpdateEnterpriseInput,
} from '../../api/types';

/** The `mode` field of an import (a multipart field, so not in the generated types). */
export type ImportMode = 'all-or-nothing' | 'valid-rows';

const path = (uscc: string) => `/api/enterprises/${encodeURIComponent(uscc)}`;

export const enterprisesApi = {
  list: (query: EnterpriseQuery) => api.get<ListResult<Enterprise>>('/api/enterprises', query),
  get: (uscc: string) => api.get<Enterprise>(path(uscc)),
  create: (input: CreateEnterpriseInput) => api.post<Enterprise>('/api/enterprises', input),
  update: (uscc: string, input: UpdateEnterpriseInput) => api.patch<Enterprise>(path(uscc), input),
  history: (uscc: string) => api.get<EnterpriseHistory>(`${path(uscc)}/history`),
  /** `mode` goes first so the server knows it before the file streams in. */
  import: (file: File, mode: ImportMode) => {
    const form = new FormData();
    form.append('mode', mode);
    form.append('file', file);
    return api.postForm<ImportResult>('/api/enterprises/import', form);
  },
  /** The download address of the list under `query` (the session cookie authenticates the GET). */
  exportUrl: (format: ExportFormat, query: EnterpriseQuery) => {
    const { page: _page, pageSize: _pageSize, ...filters } = query;
    return buildUrl('/api/enterprises/export', { format, ...filters });
  },
};
