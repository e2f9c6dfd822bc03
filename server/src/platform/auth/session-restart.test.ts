import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { createTestEnv } from '../../test/app.js';
import { openTestDatabase } from '../../test/database.js';

/** Sessions live in the database: a new app process on the same database accepts the old cookie. */
describe('session persistence', () => {
  // Creates an embedded cluster and opens it three times (each a process start): slow on a busy machine.
  it('survives a server restart', { timeout: 90_000 }, async () => {
    let reopen: () => ReturnType<typeof openDatabase>;
    let cleanup: () => Promise<void> = async () => undefined;
    if (process.env.TEST_DATABASE_URL) {
      const scratch = await openTestDatabase();
      reopen = () => openDatabase({ databaseUrl: scratch.url });
      cleanup = () => scratch.close();
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-restart-'));
      reopen = () => openDatabase({ dataDir: dir });
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
      const first = await reopen();
      await first.migrate(path.resolve('server/drizzle'));
      await first.close();
    }

    const db1 = await reopen();
    const env1 = await createTestEnv({}, db1);
    const c = await env1.loginAdmin();
    await env1.close();
    await db1.close();

    const db2 = await reopen();
    const env2 = await createTestEnv({}, db2);
    const res = await env2.client({ cookie: c.cookie, csrfToken: c.csrfToken }).get('/api/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { username: 'admin' }, csrfToken: c.csrfToken });
    await env2.close();
    await db2.close();
    await cleanup();
  });
});
