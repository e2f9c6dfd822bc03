import { AppError } from '../http/errors.js';
import { SEAL_OVERHEAD, openBytes, sealBytes } from './seal.js';

/**
 * The secrets of verifiable draws at rest (docs/DRAW.md: each draw's secret and blind secret, the
 * inspection plans' and the spot checks'): sealed with AES-256-GCM (seal.ts) under the
 * installation's `draw-secrets` sub-key (secret-key.ts), so that a copy of the database or of a
 * backup tells neither a committed draw's outcome before its reveal nor who stands behind a `/2`
 * draw's blinded candidates.
 *
 * Stored form: the four bytes `zds\x01` ‖ iv (12) ‖ tag (16) ‖ ciphertext (32) — 64 bytes. A draw
 * committed before sealing holds its secret plain, exactly 32 bytes, and is read as it is until the
 * start-up step seals it (`resealPlain`, the modules' `resealLegacyDrawSecrets`). Sealing is for secrecy only: a changed secret is caught anyway by
 * the published commitment and blinded ids.
 */
export interface DrawSecrets {
  /** The stored form of a new draw's 32-byte secret. */
  seal(secret: Buffer): Buffer;
  /**
   * The 32-byte secret from its stored form, sealed or (a draw committed before sealing) plain.
   * Throws `DRAW_SECRET_UNREADABLE` when the value was sealed under another installation key,
   * was changed, or is neither form — never a wrong secret.
   */
  open(stored: Buffer): Buffer;
  /**
   * The sealed form of a secret a draw committed before sealing stores plain (32 bytes); null for
   * any other value (already sealed, or unreadable: left as it is, for `open` to refuse).
   */
  resealPlain(stored: Buffer): Buffer | null;
}

/** A draw's secret, plain: what a draw committed before sealing stores. */
export const DRAW_SECRET_BYTES = 32;
const PREFIX = Buffer.from('zds\x01', 'latin1');
const SEALED_BYTES = PREFIX.length + SEAL_OVERHEAD + DRAW_SECRET_BYTES;

/** Whether a stored draw secret is in the sealed form (by its prefix and length; the key is not checked). */
export const isSealedDrawSecret = (stored: Buffer): boolean => stored.length === SEALED_BYTES && stored.subarray(0, PREFIX.length).equals(PREFIX);

const unreadable = (why: string) =>
  new AppError('DRAW_SECRET_UNREADABLE', `抽取密钥无法读取：${why}。请确认本系统的密钥（ZJ_SECRET_KEY 或 secret.key）与封存该抽取时相同`, 500);

export function makeDrawSecrets(key: Buffer): DrawSecrets {
  if (key.length !== 32) throw new RangeError('the draw-secrets key must be 32 bytes');
  const seal = (secret: Buffer) => {
    if (secret.length !== DRAW_SECRET_BYTES) throw new RangeError(`a draw secret is ${DRAW_SECRET_BYTES} bytes`);
    return Buffer.concat([PREFIX, sealBytes(key, secret)]);
  };
  return {
    seal,
    resealPlain: (stored) => (stored.length === DRAW_SECRET_BYTES ? seal(stored) : null),
    open(stored) {
      if (stored.length === DRAW_SECRET_BYTES) return Buffer.from(stored);
      if (!isSealedDrawSecret(stored)) throw unreadable(`存储的值既不是封存形式也不是 ${DRAW_SECRET_BYTES} 字节的原值（${stored.length} 字节）`);
      try {
        return openBytes(key, stored.subarray(PREFIX.length));
      } catch {
        throw unreadable('它不是用本系统的密钥封存的，或已被改动');
      }
    },
  };
}
