import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Shortest master key accepted, in bytes. */
export const MIN_KEY_BYTES = 32;
/** The generated key file of the embedded database, under DATA_DIR. */
export const KEY_FILE = 'secret.key';

/**
 * The installation's secret key, kept out of the database. Code never uses the master key
 * itself: each purpose derives its own sub-key with `derive('audit-chain')`, `derive('personal-data')`…
 */
export interface SecretKey {
  /** `env` (ZJ_SECRET_KEY), `file` (DATA_DIR/secret.key), or `generated` (that file, created just now). */
  source: 'env' | 'file' | 'generated';
  /** The key file, when the key came from one. */
  file?: string;
  /** Something the operator should know (a key file others may read). */
  warning?: string;
  /** A 32-byte sub-key for one purpose: HKDF-SHA256 of the master key, with the purpose as info. */
  derive(purpose: string): Buffer;
}

/**
 * Parses a key given as text: hex (64 or more hex digits, i.e. 32+ bytes) or base64 / base64url
 * of 32 or more bytes. Throws a configuration error naming `name` otherwise.
 */
export function parseSecretKey(text: string, name = 'ZJ_SECRET_KEY'): Buffer {
  const s = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]+$/.test(s)) {
    if (s.length % 2 === 0) bytes = Buffer.from(s, 'hex');
  } else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(s) && !(/[+/]/.test(s) && /[-_]/.test(s))) {
    const encoding = /[-_]/.test(s) ? 'base64url' : 'base64';
    const decoded = Buffer.from(s, encoding);
    // Node decodes leniently: accept only text that is exactly the encoding of its bytes.
    if (decoded.toString(encoding).replace(/=+$/, '') === s.replace(/=+$/, '')) bytes = decoded;
  }
  if (!bytes || bytes.length < MIN_KEY_BYTES) {
    throw new Error(
      `Configuration error: ${name} must be at least ${MIN_KEY_BYTES} random bytes written as hex (${MIN_KEY_BYTES * 2}+ hex digits) or base64; generate one with \`openssl rand -hex ${MIN_KEY_BYTES}\``,
    );
  }
  return bytes;
}

/** Wraps a master key; the bytes stay in this closure. */
export function secretKeyOf(master: Buffer, source: SecretKey['source'], file?: string, warning?: string): SecretKey {
  const copy = Buffer.from(master);
  return {
    source,
    file,
    warning,
    derive: (purpose) => Buffer.from(hkdfSync('sha256', copy, 'zhijian', `zhijian/${purpose}`, 32)),
  };
}

/**
 * The secret key: ZJ_SECRET_KEY when set. Without it, on the embedded database the key lives in
 * `DATA_DIR/secret.key` (mode 0600), generated at the first start and reused after; on PostgreSQL
 * (DATABASE_URL) ZJ_SECRET_KEY is required, since several processes on several hosts must share it.
 */
export function loadSecretKey(config: { secretKey?: string; databaseUrl?: string; dataDir: string }): SecretKey {
  if (config.secretKey !== undefined && config.secretKey.trim() !== '') return secretKeyOf(parseSecretKey(config.secretKey), 'env');
  if (config.databaseUrl) {
    throw new Error(
      `Configuration error: ZJ_SECRET_KEY is required with DATABASE_URL (it keys the audit chain and must be the same in every process). Set it to at least ${MIN_KEY_BYTES} random bytes, e.g. \`openssl rand -hex ${MIN_KEY_BYTES}\`, and keep it out of the database and its backups.`,
    );
  }
  const file = path.join(config.dataDir, KEY_FILE);
  const existing = readKeyFile(file);
  if (existing) return existing;
  fs.mkdirSync(config.dataDir, { recursive: true });
  // Written to a private temporary file, then linked into place: linking fails if another
  // process created the key meanwhile, and nobody ever sees a half-written key file.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${randomBytes(MIN_KEY_BYTES).toString('hex')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const key = readKeyFile(file)!;
  return key.source === 'file' ? { ...key, source: 'generated' } : key;
}

function readKeyFile(file: string): SecretKey | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const master = parseSecretKey(text, file);
  const mode = fs.statSync(file).mode & 0o777;
  const warning = mode & 0o077 ? `${file} can be read by other users (mode ${mode.toString(8)}); run \`chmod 600 ${file}\`` : undefined;
  return secretKeyOf(master, 'file', file, warning);
}
