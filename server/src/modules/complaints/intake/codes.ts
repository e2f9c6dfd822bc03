import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { todayInChina } from '../../../platform/calendar/dates.js';

/** The characters of an access code: no 0/O, 1/I/L look-alikes. */
export const ACCESS_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ACCESS_CODE_LENGTH = 10;

/** A tracking number as the public sees it: `TS` + yyyymmdd + at least 6 digits. */
export const TRACKING_NO_RE = /^TS\d{8}\d{6,}$/;

/** `TS` + the China date + 6 digits (or more, past a million) of `complaint_tracking_seq`. */
export async function nextTrackingNo(tx: Db, now = new Date()): Promise<string> {
  const { rows } = (await tx.execute(sql`select nextval('complaint_tracking_seq')::text as "n"`)) as unknown as { rows: { n: string }[] };
  return `TS${todayInChina(now).replaceAll('-', '')}${rows[0]!.n.padStart(6, '0')}`;
}

/** 10 characters of ACCESS_CODE_ALPHABET from the CSPRNG (≈ 49 bits). */
export function newAccessCode(): string {
  let code = '';
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++) code += ACCESS_CODE_ALPHABET[randomInt(ACCESS_CODE_ALPHABET.length)];
  return code;
}

/** An access code as typed: trimmed, upper-case. */
export const normalizeAccessCode = (code: string) => code.trim().toUpperCase();

/** An Open311 `service_request_id`: 144 random bits, base64url (24 characters). */
export const newOpen311Token = () => randomBytes(18).toString('base64url');

/** HMAC-SHA-256 (hex) of `value` under the complaints' hash key, in a domain of its own (`purpose`). */
export const keyedHash = (key: Buffer, purpose: 'access-code' | 'open311-token' | 'idempotency', value: string) =>
  createHmac('sha256', key).update(`${purpose}\u0000${value}`).digest('hex');

/** Constant-time equality of two hex hashes (false for different lengths). */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** SHA-256 (hex) of bytes or text. */
export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
