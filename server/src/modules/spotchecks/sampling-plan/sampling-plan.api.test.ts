import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';

const env = useTestEnv();
type Client = Awaited<ReturnType<typeof env.login>>;

const URL = '/api/spotcheck/sampling-plan';
let user: Client;

beforeAll(async () => {
  // Any signed-in user: an inspector of a county bureau, who has none of the spot-check planning permissions.
  user = await env.login((await env.makeUser({ roles: ['inspector'], regionCode: '320826' })).username);
});

describe('GET /api/spotcheck/sampling-plan', () => {
  it('answers exactly { codeLetter, sampleSize, ac, re } for any signed-in user', async () => {
    const res = await user.get(`${URL}?lotSize=1000&level=II&aql=1.0`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toStrictEqual({ codeLetter: 'J', sampleSize: 80, ac: 2, re: 3 });
  });

  it('follows the arrows (lot 50 at II is D; D at 1.0 points down to E) and inspects the whole lot when n ≥ the lot', async () => {
    expect((await user.get(`${URL}?lotSize=50&level=II&aql=1.0`)).json()).toStrictEqual({ codeLetter: 'E', sampleSize: 13, ac: 0, re: 1 });
    expect((await user.get(`${URL}?lotSize=10&level=II&aql=0.65`)).json()).toStrictEqual({ codeLetter: 'F', sampleSize: 10, ac: 0, re: 1 });
    expect((await user.get(`${URL}?lotSize=600000&level=S-1&aql=1000`)).json()).toStrictEqual({ codeLetter: 'B', sampleSize: 3, ac: 44, re: 45 });
  });

  it('reads the AQL by its value: 1 and 1.0, 0.1 and 0.10 give the same plan', async () => {
    const one = (await user.get(`${URL}?lotSize=3000&level=III&aql=1`)).json();
    expect(one).toStrictEqual({ codeLetter: 'L', sampleSize: 200, ac: 5, re: 6 });
    expect((await user.get(`${URL}?lotSize=3000&level=III&aql=1.0`)).json()).toStrictEqual(one);
    const tenth = (await user.get(`${URL}?lotSize=3000&level=III&aql=0.1`)).json();
    // Lot 3000 at III is L; L at 0.10 points up to K's 0 1.
    expect(tenth).toStrictEqual({ codeLetter: 'K', sampleSize: 125, ac: 0, re: 1 });
    expect((await user.get(`${URL}?lotSize=3000&level=III&aql=0.10`)).json()).toStrictEqual(tenth);
  });

  it('refuses an unknown level, an AQL outside the series, a lot size that is not an integer ≥ 2, missing or unknown parameters: 400 VALIDATION', async () => {
    const bad = [
      'lotSize=1000&level=IV&aql=1.0',
      'lotSize=1000&level=s-2&aql=1.0',
      'lotSize=1000&level=II&aql=2.0',
      'lotSize=1000&level=II&aql=0.2',
      'lotSize=1000&level=II&aql=1e0',
      'lotSize=1000&level=II&aql=',
      'lotSize=1000&level=II&aql=1.0&aql=2.5',
      'lotSize=1&level=II&aql=1.0',
      'lotSize=0&level=II&aql=1.0',
      'lotSize=-3&level=II&aql=1.0',
      'lotSize=10.5&level=II&aql=1.0',
      'lotSize=abc&level=II&aql=1.0',
      'lotSize=1e308&level=II&aql=1.0',
      'lotSize=1000000001&level=II&aql=1.0',
      'level=II&aql=1.0',
      'lotSize=1000&aql=1.0',
      'lotSize=1000&level=II',
      'lotSize=1000&level=II&aql=1.0&extra=1',
    ];
    for (const query of bad) {
      const res = await user.get(`${URL}?${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      const body = res.json();
      expect(body.error.code, query).toBe('VALIDATION');
      expect(typeof body.error.message, query).toBe('string');
    }
    // The AQL check names the field and the series, in Chinese.
    const aql = (await user.get(`${URL}?lotSize=1000&level=II&aql=2.0`)).json();
    expect(aql.error.details).toEqual([expect.objectContaining({ field: 'aql' })]);
    expect(aql.error.message).toContain('AQL');
    // The smallest lot answers.
    expect((await user.get(`${URL}?lotSize=2&level=II&aql=6.5`)).json()).toStrictEqual({ codeLetter: 'A', sampleSize: 2, ac: 0, re: 1 });
  });

  it('needs a session: 401 without one', async () => {
    const res = await env.app.inject({ method: 'GET', url: `${URL}?lotSize=1000&level=II&aql=1.0` });
    expect(res.statusCode).toBe(401);
  });
});
