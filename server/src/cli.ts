import { buildApp, makeServices } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { acquireDataDirLock } from './db/lock.js';

/**
 * Command-line tasks:
 *   audit:verify  walks the audit hash chain and reports the first broken link (exit 1 if any)
 *   openapi       prints the OpenAPI document (used to generate the web client's types)
 */
async function main(command: string | undefined) {
  const config = loadConfig();
  switch (command) {
    case 'audit:verify': {
      const release = config.databaseUrl ? () => undefined : acquireDataDirLock(config.dataDir);
      const database = await openDatabase(config);
      try {
        await database.migrate(config.migrationsDir);
        const result = await makeServices(database, config).audit.verify(database.db);
        if (result.ok) {
          console.log(`审计日志完整 / audit log intact: ${result.checked} events checked`);
        } else {
          console.log(`审计日志被篡改 / audit log BROKEN at event ${result.firstBroken!.id} (${result.firstBroken!.reason}); ${result.checked} events before it are intact`);
        }
        return result.ok ? 0 : 1;
      } finally {
        await database.close();
        release();
      }
    }
    case 'openapi': {
      const database = await openDatabase({});
      try {
        const { app } = await buildApp({ config, database });
        await app.ready();
        process.stdout.write(`${JSON.stringify(app.swagger(), null, 2)}\n`);
        await app.close();
        return 0;
      } finally {
        await database.close();
      }
    }
    default:
      console.error('usage: tsx server/src/cli.ts <audit:verify | openapi>');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
