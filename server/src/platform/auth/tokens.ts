import { createHash, randomBytes } from 'node:crypto';

/** Cookies hold random tokens; the database keeps only their SHA-256, so a leaked table grants nothing. */
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
