import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The one cipher of platform/secrets: AES-256-GCM with a fresh 96-bit IV, laid out as
 * `iv (12) ‖ tag (16) ‖ ciphertext`. Personal data (personal-data.ts) and the draws' secrets
 * (draw-secrets.ts) wrap it in their own stored forms.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** What sealing adds to the plaintext's length. */
export const SEAL_OVERHEAD = IV_BYTES + TAG_BYTES;

/** Seals `plain` under a 32-byte key: iv ‖ tag ‖ ciphertext. */
export function sealBytes(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Opens what `sealBytes` made. Throws when it was sealed under another key, or changed since. */
export function openBytes(key: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < SEAL_OVERHEAD) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, SEAL_OVERHEAD));
  return Buffer.concat([decipher.update(sealed.subarray(SEAL_OVERHEAD)), decipher.final()]);
}
