/**
 * The draw records of issue 13 (`zhijian-draw/2`, `/1` still shown): local types matching the
 * server's JSON (docs/DRAW.md; the generated API types may lag behind), the calls that fetch them,
 * and the in-browser verifier (packages/draw-verify/zhijian-verify.mjs, loaded on demand).
 */
import { api } from '../../../api/client';
import type { ListResult } from '../../../api/types';

export type DrawState = 'committed' | 'revealed' | 'cancelled';
/** Why an inspector may not inspect an object (server: draw/eligibility.ts). */
export type ExclusionRule = 'inactive' | 'region' | 'specialty' | 'conflict' | 'last_time';

export interface RecordStratum {
  /** `S1`, `S2`… in a `/2` record; the class name in a `/1` record. */
  name: string;
  /** Candidates in the stratum (`/2`; in `/1` it is candidates.length). */
  n?: number;
  k: number;
  /** Blinded ids (`/2`) or keys (`/1`), sorted. */
  candidates: string[];
  /** Revealed only: the drawn ids in draw order. */
  selected?: string[];
  /** Auditors' record only: the stratum's keys (USCCs), sorted. */
  keys?: string[];
}

export interface RecordExclusion {
  inspector: string;
  rule: ExclusionRule | string;
  /** Auditors' record only: what the rule read. */
  evidence?: Record<string, unknown>;
}

export interface RecordAssignment {
  objectKey: string;
  candidates: string[];
  excluded: RecordExclusion[];
  selected: string[];
}

export interface RecordOpening {
  blindedId: string;
  key: string;
  nonce: string;
}

export interface RecordInspector {
  id: string;
  name: string;
  certificateNo: string | null;
}

export interface RecordObject {
  key: string;
  name: string;
}

/** GET /api/public/draws/:id — the public record (fields absent before the reveal, not empty). */
export interface PublicRecord {
  id: string;
  planName: string;
  bureauName?: string | null;
  itemName?: string | null;
  status: DrawState;
  committedAt: string;
  revealedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  version: string;
  commitment: string;
  candidatesHash: string;
  /** `/2` only. */
  inspectorPoolHash?: string;
  inspectorsPerTask?: number;
  commitStatement?: string | null;
  strata: RecordStratum[];
  inspectorPool?: string[];
  inspectors?: RecordInspector[];
  secret?: string;
  witnessInput?: string;
  seed?: string;
  openings?: RecordOpening[];
  assignments?: RecordAssignment[];
  objects?: RecordObject[];
}

/** GET /api/draws/:id/audit-record (permission draw.audit): the public record and the blinding. */
export interface AuditRecord extends PublicRecord {
  blindSecret: string;
  labels: Record<string, string>;
}

/** The staff's view of a draw (GET /api/draws/:id; commit, reveal and cancel answer it): no candidate lists. */
export interface DrawSummary {
  id: string;
  planId: string;
  planName: string;
  bureauName: string | null;
  itemName: string | null;
  status: DrawState;
  version: string;
  committedAt: string;
  committedByName: string | null;
  revealedAt: string | null;
  revealedByName: string | null;
  tasksCreatedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  commitment: string;
  candidatesHash: string;
  inspectorPoolHash: string | null;
  inspectorsPerTask: number | null;
  commitStatement: string | null;
  witnessInput: string | null;
  seed: string | null;
  selectedCount: number | null;
  /** `className` only for users with draw.audit. */
  strata: { name: string; n: number; k: number; className: string | null }[];
}

/** One row of the public draw list. */
export interface PublicDrawRow {
  id: string;
  planName: string;
  bureauName: string | null;
  itemName: string | null;
  status: DrawState;
  committedAt: string;
  revealedAt: string | null;
  cancelledAt: string | null;
  commitment: string;
  candidatesHash: string;
  inspectorPoolHash: string | null;
  inspectorsPerTask: number | null;
}

export interface PublicDrawQuery {
  status?: DrawState;
  year?: number;
  page?: number;
  pageSize?: number;
}

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
