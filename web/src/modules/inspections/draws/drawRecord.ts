/**
 * The draw records of issue 13 (`zhijian-draw/2`, `/1` still shown): their types (docs/DRAW.md),
 * the calls that fetch them, and the in-browser verifier (packages/draw-verify/zhijian-verify.mjs, loaded on demand).
 */
import { api } from '../../../api/client';
import type { ListResult, QueryOf, ResponseOf } from '../../../api/types';

/** GET /api/public/draws/:id — the public record (fields absent before the reveal, not empty). */
export type PublicRecord = ResponseOf<'/api/public/draws/{id}', 'get'>;
/** GET /api/draws/:id/audit-record (permission draw.audit): the public record and the blinding. */
export type AuditRecord = ResponseOf<'/api/draws/{id}/audit-record', 'get'>;
/** The staff's view of a draw (GET /api/draws/:id; commit, reveal and cancel answer it): no candidate lists. */
export type DrawSummary = ResponseOf<'/api/draws/{id}', 'get'>;
/** One row of the public draw list. */
export type PublicDrawRow = ResponseOf<'/api/public/draws', 'get'>['items'][number];
export type PublicDrawQuery = QueryOf<'/api/public/draws', 'get'>;

export type DrawState = PublicRecord['status'];
/** Why an inspector may not inspect an object (server: draw/eligibility.ts). */
export type ExclusionRule = 'inactive' | 'region' | 'specialty' | 'conflict' | 'last_time';
export type RecordStratum = PublicRecord['strata'][number];
export type RecordAssignment = NonNullable<PublicRecord['assignments']>[number];
export type RecordExclusion = RecordAssignment['excluded'][number];
export type RecordOpening = NonNullable<PublicRecord['openings']>[number];
export type RecordInspector = PublicRecord['inspectors'][number];
export type RecordObject = NonNullable<PublicRecord['objects']>[number];

const enc = encodeURIComponent;

/** The address of a draw's public record (JSON). */
export const publicRecordUrl = (id: string) => `/api/public/draws/${enc(id)}`;
/** The public page of a draw (no login). */
export const publicPagePath = (id: string) => `/public/draws/${enc(id)}`;
/** The public page explaining the draw method. */
export const METHOD_PATH = '/public/draw-method';
/** The downloadable verifier (web/vite.config.ts copies it into the build). */
export const VERIFIER_PATH = '/verify/zhijian-verify.mjs';

export const drawRecordApi = {
  publicList: (query: PublicDrawQuery) => api.get<ListResult<PublicDrawRow>>('/api/public/draws', query),
  publicRecord: (id: string) => api.get<PublicRecord>(publicRecordUrl(id)),
  summary: (id: string) => api.get<DrawSummary>(`/api/draws/${enc(id)}`),
  auditRecord: (id: string) => api.get<AuditRecord>(`/api/draws/${enc(id)}/audit-record`),
  commit: (planId: string) => api.post<DrawSummary>(`/api/inspection-plans/${enc(planId)}/draws`),
  reveal: (id: string, witnessInput: string) => api.post<DrawSummary>(`/api/draws/${enc(id)}/reveal`, { witnessInput }),
};

export type VerifyResult =
  | { ok: true; version: string; status: 'revealed' | 'committed'; audit: boolean; checks: string[] }
  | { ok: false; field: string; message: string };

/**
 * Verifies a record in this browser with the same module the download and the CLI run
 * (loaded when first needed). Never throws: an exception of the verifier is reported as a mismatch.
 */
export async function verifyInBrowser(record: unknown, statement?: string): Promise<VerifyResult> {
  const verifier = await import('../../../../../packages/draw-verify/zhijian-verify.mjs');
  try {
    const text = statement?.trim();
    return await verifier.verifyDrawRecord(record, text ? { statement: text } : undefined);
  } catch (err) {
    return { ok: false, field: 'record', message: err instanceof Error ? err.message : String(err) };
  }
}

/** Fetches a record's exact JSON as served (no cache: a record is verified as it is now). */
export async function fetchRecordJson(url: string): Promise<{ text: string; record: unknown }> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' }, cache: 'no-cache' });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return { text, record: JSON.parse(text) as unknown };
}

/** Saves `text` as a file named `name`. */
export function saveText(text: string, name: string, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A hex value shortened for a table cell: the first 12 and last 4 characters. */
export const shortHex = (hex: string) => (hex.length > 20 ? `${hex.slice(0, 12)}…${hex.slice(-4)}` : hex);
