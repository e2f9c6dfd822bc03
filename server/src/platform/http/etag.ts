import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/**
 * Optimistic concurrency for editable records (docs/API.md, "Versions and If-Match").
 *
 * Every editable row has a `version` that each change bumps. A record's representation carries
 * it, and its response the strong tag `ETag: "<version>"`. A write sent with `If-Match` is applied
 * only when the tag names the version the row has at that moment (read under the row's lock in the
 * write's transaction, so two writers cannot both win); otherwise it answers
 * 412 PRECONDITION_FAILED and changes nothing. Without `If-Match` the write is applied as before.
 */

/** The versions an If-Match header accepts; `undefined` when there is no precondition (absent or `*`). */
export type ExpectedVersion = readonly number[] | undefined;

/** The ETag of a record's version. */
export const etagOf = (version: number) => `"${version}"`;

/**
 * Parses an If-Match header: `"3"`, `W/"3"` (accepted too: a compressing proxy may weaken our
 * tags), lists (`"3", "4"`) and `*`. A tag that is not one of our versions matches nothing.
 */
export function parseIfMatch(header: string | string[] | undefined): ExpectedVersion {
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (raw === undefined || raw.trim() === '' || raw.trim() === '*') return undefined;
  const versions: number[] = [];
  for (const part of raw.split(',')) {
    const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(part);
    if (m) versions.push(Number(m[1]));
  }
  return versions;
}

/** The request's If-Match precondition. */
export const ifMatch = (request: FastifyRequest): ExpectedVersion => parseIfMatch(request.headers['if-match']);

/** The `version` property of a versioned record's representation. */
export const VersionSchema = Type.Integer({ description: '版本号：每次修改加一，即响应头 ETag；修改时以 If-Match 带回，已被他人修改时 412' });

/** 412: the client edited a version that is no longer current (`null`: the record no longer exists). */
export const preconditionFailed = (currentVersion: number | null) =>
  new AppError('PRECONDITION_FAILED', '该记录已被他人修改，请刷新后重试', 412, { currentVersion });

/**
 * Throws 412 PRECONDITION_FAILED unless there is no precondition or it names `current` (`null`
 * when the record does not exist: no tag matches it). Call it with the row locked.
 */
export function assertVersion(expected: ExpectedVersion, current: number | null): void {
  if (expected !== undefined && (current === null || !expected.includes(current))) throw preconditionFailed(current);
}

const isRecord = (payload: unknown): payload is { version: number } =>
  typeof payload === 'object' && payload !== null && !Array.isArray(payload) && Number.isInteger((payload as { version?: unknown }).version);

/**
 * Every successful response that is one versioned record (an object with an integer `version`)
 * answers its ETag: a GET, and the result of a write (the new version).
 */
export function registerETags(app: FastifyInstance): void {
  app.addHook('preSerialization', async (_request, reply, payload) => {
    if (reply.statusCode < 300 && isRecord(payload) && !reply.hasHeader('etag')) reply.header('etag', etagOf(payload.version));
    return payload;
  });
}
