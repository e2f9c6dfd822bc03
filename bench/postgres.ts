import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database created for one bench run on a PostgreSQL server. */
export interface BenchDatabase {
  name: string;
  url: string;
  serverVersion: string;
  drop(): Promise<void>;
}

async function adminQuery<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Creates `zj_bench_<random>` (UTF-8, C.UTF-8 collation, as the README asks) through the maintenance URL. */
export async function createBenchDatabase(maintenanceUrl: string): Promise<BenchDatabase> {
  const name = `zj_bench_${randomBytes(6).toString('hex')}`;
  const [version] = await adminQuery<{ server_version: string }>(maintenanceUrl, 'show server_version');
  await adminQuery(maintenanceUrl, `create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    serverVersion: version?.server_version ?? '?',
    drop: async () => void (await adminQuery(maintenanceUrl, `drop database if exists ${name} with (force)`)),
  };
}
