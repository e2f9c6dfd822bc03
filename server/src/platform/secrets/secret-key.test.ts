import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_FILE, loadSecretKey, parseSecretKey } from './secret-key.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-key-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const HEX = 'a1'.repeat(32);

describe('secret key', () => {
  it('accepts 32+ bytes as hex, base64 or base64url, and nothing shorter or malformed', () => {
    const bytes = Buffer.from(HEX, 'hex');
    expect(parseSecretKey(HEX)).toEqual(bytes);
    expect(parseSecretKey(` ${HEX.toUpperCase()}\n`)).toEqual(bytes);
    const random = Buffer.from(Array.from({ length: 48 }, (_, i) => (i * 37 + 250) % 256));
    expect(parseSecretKey(random.toString('base64'))).toEqual(random);
    expect(parseSecretKey(random.toString('base64url'))).toEqual(random);
    for (const bad of ['', 'a1'.repeat(31), `${HEX}a`, Buffer.alloc(31, 1).toString('base64'), 'correct horse battery staple, said twice over', `${random.toString('base64')}!`]) {
      expect(() => parseSecretKey(bad), bad).toThrow(/ZJ_SECRET_KEY must be at least 32 random bytes/);
    }
  });

  it('takes ZJ_SECRET_KEY and derives a distinct, stable 32-byte sub-key per purpose', () => {
    const key = loadSecretKey({ secretKey: HEX, databaseUrl: 'postgres://x/y', dataDir: '/nonexistent' });
    expect(key.source).toBe('env');
    const audit = key.derive('audit-chain');
    expect(audit).toHaveLength(32);
    expect(key.derive('audit-chain')).toEqual(audit);
    expect(key.derive('personal-data')).not.toEqual(audit);
    expect(audit).not.toEqual(Buffer.from(HEX, 'hex'));
    expect(loadSecretKey({ secretKey: 'b2'.repeat(32), dataDir: '/nonexistent' }).derive('audit-chain')).not.toEqual(audit);
  });

  it('requires ZJ_SECRET_KEY on PostgreSQL, with a clear error', () => {
    const dataDir = tempDir();
    expect(() => loadSecretKey({ databaseUrl: 'postgres://db/zhijian', dataDir })).toThrow(/ZJ_SECRET_KEY is required with DATABASE_URL/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('generates the embedded database key once into DATA_DIR/secret.key (mode 0600) and reuses it', () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = loadSecretKey({ dataDir });
    const file = path.join(dataDir, KEY_FILE);
    expect(first).toMatchObject({ source: 'generated', file, warning: undefined });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(fs.readdirSync(dataDir)).toEqual([KEY_FILE]);
    const again = loadSecretKey({ dataDir });
    expect(again.source).toBe('file');
    expect(again.derive('audit-chain')).toEqual(first.derive('audit-chain'));
    // ZJ_SECRET_KEY, when set, wins over the file.
    expect(loadSecretKey({ dataDir, secretKey: HEX }).derive('audit-chain')).not.toEqual(first.derive('audit-chain'));
  });

  it('warns about a key file others can read and refuses a damaged one', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, KEY_FILE);
    fs.writeFileSync(file, `${HEX}\n`, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(loadSecretKey({ dataDir }).warning).toMatch(/can be read by other users.*chmod 600/);
    fs.writeFileSync(file, 'short\n');
    expect(() => loadSecretKey({ dataDir })).toThrow(new RegExp(`${file} must be at least 32 random bytes`));
  });
});
