/**
 * The bench's server process: the real app, started as server/src/main.ts starts it (same
 * configuration from the environment, migrations, first-start data), plus the bench-only routes.
 * Prints `BENCH_SERVER_READY <port>` once it listens. Run by bench/run.ts, not by hand.
 */
import type { AddressInfo } from 'node:net';
import { buildApp, makeServices } from '../server/src/app.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/client.js';
import { acquireDataDirLock } from '../server/src/db/lock.js';
import { registerBenchRoutes } from './bench-routes.js';
import { registerDrawRoutes } from './draw-routes.js';
import { registerEquipmentRoutes } from './equipment-routes.js';
import { traceDatabase } from './sql-trace.js';

async function main() {
  const config = loadConfig();
  const releaseLock = config.databaseUrl ? () => undefined : acquireDataDirLock(config.dataDir);
  const database = await openDatabase(config);
  await database.migrate(config.migrationsDir);
  const trace = traceDatabase(database);
  const services = makeServices(database, config);
  await bootstrap(services, config);
  const { app } = await buildApp({ config, database, services, logger: { level: config.logLevel } });
  registerBenchRoutes(app, { database, trace });
  registerDrawRoutes(app, { database, services, trace });
  registerEquipmentRoutes(app, { database, services });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await database.close();
    releaseLock();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  await app.listen({ port: config.port, host: '127.0.0.1' });
  console.log(`BENCH_SERVER_READY ${(app.server.address() as AddressInfo).port}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
