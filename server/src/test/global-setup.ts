import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { makeServices } from '../app.js';
import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { type Database, PGLITE_EXTENSIONS, openDatabase, pgliteDatabase } from '../db/client.js';
import { ADMIN_PASSWORD, testConfig } from './config.js';
import { type TestSnapshots, createDatabase, dropDatabase, withDatabase } from './database.js';

/**
 * Vitest global setup: migrates once per run instead of once per test file. Makes two snapshots,
 * a migrated database and the same with the first-start data every test environment bootstraps
 * (the same for every file: jurisdiction, roles, licence types, `admin`), and gives their names to
 * the test files (`inject('zjTestSnapshots')`), which each start their database as a copy of one:
 *
 * - PGlite: data-directory tarballs (`dumpDataDir`) in a temporary directory, loaded per file
 *   with `loadDataDir` (no initdb, no migrations, no argon2 hash per file);
 * - PostgreSQL (TEST_DATABASE_URL): two databases on that server, copied per file with
 *   `create database … template`, dropped again at the end of the run.
 */
export default async function setup(project: TestProject) {
  const { migrationsDir } = loadConfig({});
  const serverUrl = process.env.TEST_DATABASE_URL;
  const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-test-setup-anchors-'));
  const config = testConfig({ auditAnchorDir: anchorDir });
  const seed = (database: Database) => bootstrap(makeServices(database, config), { ...config, adminPassword: ADMIN_PASSWORD });
  const snapshots: TestSnapshots = {};
  const cleanups: (() => Promise<void> | void)[] = [() => fs.rmSync(anchorDir, { recursive: true, force: true })];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  try {
    if (!serverUrl) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-test-snapshots-'));
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
      try {
        const database = pgliteDatabase(client);
        const dump = async (name: string) => {
          const file = path.join(dir, `${name}.tar`);
          fs.writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
          return file;
        };
        await database.migrate(migrationsDir);
        const migrated = await dump('migrated');
        await seed(database);
        snapshots.pglite = { migrated, bootstrapped: await dump('bootstrapped') };
      } finally {
        await client.close();
      }
    } else {
      const prefix = `zj_test_template_${randomBytes(5).toString('hex')}`;
      const migrated = `${prefix}_migrated`;
      const bootstrapped = `${prefix}_bootstrapped`;
      for (const [name, template] of [
        [migrated, undefined],
        [bootstrapped, migrated],
      ] as const) {
        await createDatabase(serverUrl, name, template);
        cleanups.push(() => dropDatabase(serverUrl, name));
        const database = await openDatabase({ databaseUrl: withDatabase(serverUrl, name) });
        try {
          if (template) await seed(database);
          else await database.migrate(migrationsDir);
        } finally {
          await database.close();
        }
      }
      snapshots.postgres = { migrated, bootstrapped };
    }
  } catch (err) {
    await teardown();
    throw err;
  }

  project.provide('zjTestSnapshots', snapshots);
  return teardown;
}
