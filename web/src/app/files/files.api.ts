import { api, buildUrl } from '../../api/client';
import type { ExportFormat, ImportResult, PageQuery } from '../../api/types';

/** The `mode` field of an import (a multipart field, so not in the generated types). */
export type ImportMode = 'all-or-nothing' | 'valid-rows';

/** Posts a file to an import route; `mode` goes first so the server knows it before the file streams in. */
export function importFile(path: string, file: File, mode: ImportMode): Promise<ImportResult> {
  const form = new FormData();
  form.append('mode', mode);
  form.append('file', file);
  return api.postForm<ImportResult>(path, form);
}

/** The download address of an export under a list's query (paging left out; the session cookie authenticates the GET). */
export function exportUrl(path: string, format: ExportFormat, query: object & PageQuery): string {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return buildUrl(path, { format, ...filters });
}
