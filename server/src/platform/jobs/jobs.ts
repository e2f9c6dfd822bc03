import PgBoss from 'pg-boss';
import type { Database } from '../../db/client.js';

export interface JobDefinition<T extends object = object> {
  name: string;
  /** Cron expression (UTC) for recurring jobs; omit for jobs sent on demand. */
  cron?: string;
  handler: (data: T) => Promise<void>;
}

export interface Jobs {
  register<T extends object>(job: JobDefinition<T>): void;
  /** Queues a job now (or as `options` say); returns its id. */
  send(name: string, data?: object, options?: PgBoss.SendOptions): Promise<string | null>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The job queue: pg-boss on the application's database (its own `pgboss` schema). On PGlite it
 * runs through our connection; on a server it opens a small pool of its own.
 */
export function makeJobs(database: Database, log: { error(obj: unknown, msg: string): void }): Jobs {
  const definitions: JobDefinition[] = [];
  const boss = new PgBoss(
    database.connectionString
      ? { connectionString: database.connectionString, max: 3 }
      : { db: { executeSql: (text, values) => database.executeSql(text, values) } },
  );
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  let started = false;

  return {
    register(job) {
      definitions.push(job as JobDefinition);
    },
    send: (name, data = {}, options = {}) => boss.send(name, data, options),
    async start() {
      await boss.start();
      started = true;
      for (const job of definitions) {
        await boss.createQueue(job.name);
        await boss.work<object>(job.name, async (batch) => {
          for (const j of batch) await job.handler(j.data);
        });
        if (job.cron) await boss.schedule(job.name, job.cron);
      }
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      started = false;
    },
  };
}
