import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { openTestDatabase } from '../../test/database.js';
import { makeJobs } from './jobs.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('job queue', () => {
  it('runs a sent job through pg-boss on the application database', async () => {
    const jobs = makeJobs(database, { error: () => undefined });
    const seen: unknown[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    jobs.register<{ n: number }>({
      name: 'test.echo',
      handler: async (data) => {
        seen.push(data);
        done();
      },
    });
    jobs.register({ name: 'test.scheduled', cron: '0 3 * * *', handler: async () => undefined });
    await jobs.start();
    expect(await jobs.send('test.echo', { n: 42 })).toEqual(expect.any(String));
    await finished;
    expect(seen).toEqual([{ n: 42 }]);
    const schedules = await database.executeSql("select name, cron from pgboss.schedule where name = 'test.scheduled'");
    expect(schedules.rows).toEqual([{ name: 'test.scheduled', cron: '0 3 * * *' }]);
    await jobs.stop();
  }, 60_000);
});
