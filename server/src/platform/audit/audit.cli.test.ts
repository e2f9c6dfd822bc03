import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR, loadConfig } from '../../config.js';
import { type Db, openDatabase } from '../../db/client.js';
import { inTransaction } from '../../db/sql.js';
import { TEST_SECRET_KEY } from '../../test/app.js';
import { openTestDatabase } from '../../test/database.js';
import { loadSecretKey } from '../secrets/secret-key.js';
import { type AuditCliConfig, EXIT, runAuditCommand } from './audit.cli.js';
import { readAnchors } from './audit.anchors.js';
import { makeAuditService } from './audit.service.js';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-audit-cli-'));
const anchorDir = path.join(dataDir, 'audit-anchors');
const { migrationsDir } = loadConfig({});
const server = onServer ? await openTestDatabase() : undefined;
afterAll(async () => {
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The configuration `npm start` would read: PGlite under a temporary DATA_DIR with no key given
 * (so the key file is generated there), or the test's PostgreSQL database with ZJ_SECRET_KEY.
 */
const config: AuditCliConfig = server
  ? { databaseUrl: server.url, dataDir, migrationsDir, secretKey: TEST_SECRET_KEY, auditAnchorDir: anchorDir }
  : { databaseUrl: undefined, dataDir, migrationsDir, secretKey: undefined, auditAnchorDir: anchorDir };

/** Runs `fn` on the configured database, opened (and closed again) as the CLI opens it. */
async function withDb(fn: (db: Db) => Promise<void>) {
  if (server) return fn(server.db);
  const database = await openDatabase(config);
  try {
    await fn(database.db);
  } finally {
    await database.close();
  }
}

function capture() {
  const lines: string[] = [];
  return { lines, out: { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) } };
}

/** `tsx server/src/cli.ts <command>` as `npm run` starts it, with the environment `config` stands for. */
function runChild(command: string): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ZJ_AUDIT_ANCHOR_DIR: anchorDir };
  delete env.DATABASE_URL;
  delete env.ZJ_SECRET_KEY;
  if (server) Object.assign(env, { DATABASE_URL: server.url, ZJ_SECRET_KEY: TEST_SECRET_KEY });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', command], { cwd: ROOT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe(`npm run audit:anchor / audit:verify (${onServer ? 'PostgreSQL' : 'PGlite under DATA_DIR'})`, () => {
  it('anchors, answers 0 for an intact chain and 1 once the newest 20 events are deleted', async () => {
    const key = loadSecretKey(config).derive('audit-chain');
    if (!server) expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    await withDb(async (db) => {
      const audit = makeAuditService({ key, anchorDir });
      await inTransaction(db, async (tx) => {
        for (let i = 0; i < 30; i++) await audit.record(tx, { actor: null }, { action: 'test.cli', targetId: String(i) });
      });
    });

    const anchored = capture();
    expect(await runAuditCommand('audit:anchor', config, anchored.out)).toBe(EXIT.ok);
    expect(anchored.lines.join('\n')).toContain('audit anchor written');
    expect(readAnchors(anchorDir).anchors).toEqual([expect.objectContaining({ lastId: 30, count: 30 })]);

    const intact = capture();
    expect(await runAuditCommand('audit:verify', config, intact.out)).toBe(EXIT.ok);
    expect(intact.lines[0]).toMatch(/audit log intact: 30 events checked, keyed from event 1, 1 anchors matched/);

    await withDb(async (db) => void (await db.execute(sql`delete from audit_events where id > 10`)));
    const broken = capture();
    expect(await runAuditCommand('audit:verify', config, broken.out)).toBe(EXIT.broken);
    expect(broken.lines[0]).toMatch(/audit log BROKEN at event 30 \(anchor_missing\).*truncated; 10 events before it are intact/);

    // The same through the command line, in its own process: exit code 1.
    const child = await runChild('audit:verify');
    expect(child.output).toContain('anchor_missing');
    expect(child.code).toBe(1);
  }, 120_000);

  it.skipIf(onServer)('says clearly that the running server holds DATA_DIR (exit 2)', async () => {
    // A live process other than this one owns the directory, as a running server would.
    fs.writeFileSync(path.join(dataDir, 'zhijian.pid'), String(process.ppid));
    try {
      const held = capture();
      expect(await runAuditCommand('audit:verify', config, held.out)).toBe(EXIT.unable);
      expect(held.lines.join('\n')).toMatch(/in use by process \d+[\s\S]*GET \/api\/audit\/verify/);
      const anchorHeld = capture();
      expect(await runAuditCommand('audit:anchor', config, anchorHeld.out)).toBe(EXIT.unable);
      expect(anchorHeld.lines.join('\n')).toMatch(/writes an anchor at every start/);
    } finally {
      fs.rmSync(path.join(dataDir, 'zhijian.pid'), { force: true });
    }
  });

  it.runIf(onServer)('refuses to run on PostgreSQL without ZJ_SECRET_KEY', async () => {
    await expect(runAuditCommand('audit:verify', { ...config, secretKey: undefined })).rejects.toThrow(/ZJ_SECRET_KEY is required with DATABASE_URL/);
    const child = await new Promise<number | null>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: server!.url };
      delete env.ZJ_SECRET_KEY;
      spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'audit:verify'], { cwd: ROOT_DIR, env, stdio: 'ignore' }).on('close', resolve);
    });
    expect(child).toBe(EXIT.unable);
  }, 60_000);
});
