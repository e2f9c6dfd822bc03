import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loggerOptions, redactUrl } from '../../platform/http/log.js';
import { useServiceEnv } from '../../test/app.js';

/**
 * Issue 17: the reporter's data is never in a log line, and neither is the access code. The server
 * runs here with the production logger (main.ts's options) writing to memory, at level `info` so
 * every request and its answer is logged; bad input and errors are provoked on purpose.
 */
const env = useServiceEnv({ publicRateLimit: 1_000_000 });
const lines: string[] = [];
let app: Awaited<ReturnType<typeof buildApp>>['app'];

const PHONE = '13912345678';
const NAME = '赵保密';
const ID_NUMBER = '110101199003074573';
const ADDRESS = '清江浦区保密路9号';

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  ({ app } = await buildApp({ config: env.config, database: env.database, services: env.services, logger: { ...loggerOptions('debug'), stream } }));
  await app.ready();
});
afterAll(() => app?.close());

describe('the log', () => {
  it('holds no reporter data and no access code, whatever the requests did', async () => {
    const reporter = { name: NAME, phone: PHONE, idNumber: ID_NUMBER, address: ADDRESS };
    const created = await app.inject({ method: 'POST', url: '/api/public/complaints', payload: { kind: 'complaint', description: '买到的电热水壶漏电', reporter } });
    expect(created.statusCode).toBe(201);
    const { trackingNo, accessCode } = created.json() as { trackingNo: string; accessCode: string };
    // Bad input with the reporter in the body: a bad ID number, a too-long description, an unknown field.
    const bad = [
      { kind: 'complaint', description: 'x', reporter: { ...reporter, idNumber: '110101199003074572' } },
      { kind: 'complaint', description: 'x'.repeat(5001), reporter },
      { kind: 'complaint', description: 'x', reporter: { ...reporter, phone: `${PHONE}9` } },
      { kind: 'complaint', description: 'x', reporter, extra: PHONE },
    ];
    for (const payload of bad) {
      const res = await app.inject({ method: 'POST', url: '/api/public/complaints', payload });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      for (const secret of [PHONE, NAME, ID_NUMBER, ADDRESS]) expect(res.body).not.toContain(secret);
    }
    expect((await app.inject({ method: 'GET', url: `/api/public/complaints/${trackingNo}?code=${accessCode}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/public/complaints/${trackingNo}?code=WRONG${accessCode}` })).statusCode).toBe(404);

    const log = lines.join('');
    expect(log).toContain(trackingNo);
    for (const secret of [PHONE, NAME, ID_NUMBER, ADDRESS, accessCode]) expect(log).not.toContain(secret);
  });

  it('redacts secret query parameters and keeps the rest of the URL', () => {
    expect(redactUrl('/api/public/complaints/TS1?code=ABC&x=1')).toBe('/api/public/complaints/TS1?code=***&x=1');
    expect(redactUrl('/api/x?a=1&token=t#f')).toBe('/api/x?a=1&token=***#f');
    expect(redactUrl('/api/x?encode=1')).toBe('/api/x?encode=1');
  });
});
