import { randomBytes } from 'node:crypto';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { runAuditCommand } from './platform/audit/audit.cli.js';

/**
 * Command-line tasks:
 *   audit:verify  checks the audit chain (keyed hashes, links, anchors); exit 1 when broken, 2 when it cannot run
 *   audit:anchor  writes an anchor of the audit chain (lastId, lastHash, count, at) to the anchor directory
 *   openapi       prints the OpenAPI document (used to generate the web client's types)
 */
async function main(command: string | undefined) {
  const config = loadConfig();
  switch (command) {
    case 'audit:verify':
    case 'audit:anchor':
      return runAuditCommand(command, config);
    case 'openapi': {
      const database = await openDatabase({});
      try {
        // A throw-away key: printing the API touches neither DATA_DIR nor ZJ_SECRET_KEY.
        const { app } = await buildApp({ config: { ...config, secretKey: randomBytes(32).toString('hex') }, database });
        await app.ready();
        process.stdout.write(`${JSON.stringify(app.swagger(), null, 2)}\n`);
        await app.close();
        return 0;
      } finally {
        await database.close();
      }
    }
    default:
      console.error('usage: tsx server/src/cli.ts <audit:verify | audit:anchor | openapi>');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    // For the audit commands 1 means "the log is broken"; a command that could not run says 2.
    process.exit(process.argv[2]?.startsWith('audit:') ? 2 : 1);
  },
);
