import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../calendar/dates.js';
import { type TestEnv, useTestEnv } from '../../test/app.js';
import { makeEnterprise } from '../../modules/enterprises/testing.js';
import { exitInput, makeLicence } from '../../modules/licences/testing.js';
import { makeInspector, makeItem } from '../../modules/inspections/testing.js';
import { parseIfMatch } from './etag.js';

const env = useTestEnv();
type Client = Awaited<ReturnType<TestEnv['login']>>;
type Headers = Record<string, string>;

/**
 * One editable record and one write on it: `get` (when the record has a URL of its own) answers
 * its ETag; `version` reads its version through the API; `state` what the write changes.
 */
interface Target {
  get?: string;
  version: () => Promise<number>;
  state: () => Promise<unknown>;
  write: (headers: Headers) => Promise<LightMyRequestResponse>;
}

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${++seq}`;
const admin = () => env.loginAdmin();
const versionAt = (c: Client, url: string) => async () => (await c.get(url)).json().version as number;

/** A task without a draw for two inspectors of 涟水, with the inspector's client. */
async function task(state: 'assigned' | 'inspected' | 'rectifying' = 'assigned') {
  const enterprise = await makeEnterprise(env, { regionCode: '320826' });
  const [a, b] = [await makeInspector(env, '320826'), await makeInspector(env, '320826')];
  const item = await makeItem(env);
  const created = await env.services.tasks.create(env.ctx, { itemId: item.id, uscc: enterprise.uscc, origin: 'targeted', originNote: '专项检查', inspectorIds: [a.user.id, b.user.id] });
  const c = await env.login(a.user.username);
  if (state !== 'assigned') {
    // A "no" to records_kept makes a finding, which a rectification order needs.
    const answers = { licence_valid: { value: true }, records_kept: { value: state === 'inspected' } };
    expect((await c.post(`/api/inspection-tasks/${created.id}/submit`, { answers, inspectedOn: todayInChina() })).statusCode).toBe(200);
  }
  if (state === 'rectifying') {
    expect((await c.post(`/api/inspection-tasks/${created.id}/rectification-orders`, { requirements: '建立进货查验记录', workingDays: 10 })).statusCode).toBe(201);
  }
  const url = `/api/inspection-tasks/${created.id}`;
  return { c, url, version: versionAt(c, url), state: async () => (await c.get(url)).json() };
}

/** A lead filed by the admin in 涟水. */
async function lead() {
  const c = await admin();
  const created = (await c.post('/api/unlicensed-leads', { operatorName: `无证作坊${uniq()}`, address: '涟水县某镇', regionCode: '320826', source: '日常检查', description: '未取得许可从事生产' })).json();
  const url = `/api/unlicensed-leads/${created.id}`;
  return { c, url, version: versionAt(c, url), state: async () => (await c.get(url)).json() };
}

/** An exit procedure on a new licence: a closure (deciding at once) or one to investigate. */
async function exit(kind: 'closure' | 'conditions_lost') {
  const licence = await makeLicence(env);
  const opened = await env.services.licenceExits.open(env.ctx, exitInput(kind, licence.id, env.admin.userId!));
  const c = await admin();
  const url = `/api/licence-exits/${opened.id}`;
  return { c, url, version: versionAt(c, url), state: async () => (await c.get(url)).json() };
}

const TARGETS: Record<string, () => Promise<Target>> = {
  'PATCH /api/enterprises/:uscc': async () => {
    const { uscc } = await makeEnterprise(env);
    const c = await admin();
    const url = `/api/enterprises/${uscc}`;
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).json(), write: (h) => c.patch(url, { address: uniq() }, h) };
  },
  'PATCH /api/inspection-items/:id': async () => {
    const item = await makeItem(env);
    const c = await admin();
    const url = `/api/inspection-items/${item.id}`;
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).json(), write: (h) => c.patch(url, { legalBasis: `依据${uniq()}` }, h) };
  },
  'PUT /api/inspectors/:userId': async () => {
    const { user } = await makeInspector(env, '320826');
    const c = await admin();
    const url = `/api/inspectors/${user.id}`;
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).json(), write: (h) => c.put(url, { certificateNo: `苏执${uniq()}` }, h) };
  },
  'DELETE /api/inspectors/:userId': async () => {
    const { user } = await makeInspector(env, '320826');
    const c = await admin();
    const url = `/api/inspectors/${user.id}`;
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).statusCode, write: (h) => c.delete(url, h) };
  },
  'PATCH /api/licence-types/:key': async () => {
    const c = await admin();
    const key = `t_${uniq()}`;
    expect((await c.post('/api/licence-types', { key, name: `测试证照${key}`, legalBasis: '某条例', validityYears: 5 })).statusCode).toBe(201);
    const url = `/api/licence-types/${key}`;
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).json(), write: (h) => c.patch(url, { legalBasis: `依据${uniq()}` }, h) };
  },
  'PUT /api/licence-approval-rules/:to': async () => {
    const c = await admin();
    const rule = async () => ((await c.get('/api/licence-approval-rules')).json().items as { to: string; version: number }[]).find((r) => r.to === 'withdrawn')!;
    return { version: async () => (await rule()).version, state: rule, write: (h) => c.put('/api/licence-approval-rules/withdrawn', { requiresApproval: false }, h) };
  },
  'POST /api/licences/:id/transitions': async () => {
    const licence = await makeLicence(env);
    const c = await admin();
    const url = `/api/licences/${licence.id}`;
    const body = { to: 'suspended', reason: '现场检查发现不符合许可条件', legalBasis: '某条例第十条', documentNo: `淮市监〔2026〕${uniq()}号` };
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).json(), write: (h) => c.post(`${url}/transitions`, body, h) };
  },
  'POST /api/unlicensed-leads/:id/assign': async () => {
    const l = await lead();
    return { get: l.url, version: l.version, state: l.state, write: (h) => l.c.post(`${l.url}/assign`, { assigneeId: env.admin.userId }, h) };
  },
  'POST /api/unlicensed-leads/:id/close': async () => {
    const l = await lead();
    return { get: l.url, version: l.version, state: l.state, write: (h) => l.c.post(`${l.url}/close`, { outcome: 'unfounded', result: '经核查线索不实' }, h) };
  },
  'POST /api/feedback/:id/decision': async () => {
    const { uscc } = await makeEnterprise(env);
    const c = await admin();
    const created = (await c.post('/api/feedback', { uscc, department: '淮安市住房和城乡建设局', kind: 'other', summary: '通报', occurredOn: addDays(todayInChina(), -1) })).json();
    const url = `/api/feedback/${created.id}`;
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).json(), write: (h) => c.post(`${url}/decision`, { decision: 'none', reason: '不需要采取措施' }, h) };
  },
  'POST /api/licence-exits/:id/investigation': async () => {
    const e = await exit('conditions_lost');
    return { get: e.url, version: e.version, state: e.state, write: (h) => e.c.post(`${e.url}/investigation`, { findings: '企业已搬离', justifiedReason: false }, h) };
  },
  'POST /api/licence-exits/:id/decision': async () => {
    const e = await exit('closure');
    return { get: e.url, version: e.version, state: e.state, write: (h) => e.c.post(`${e.url}/decision`, { outcome: 'dismissed', reason: '关闭决定已撤回' }, h) };
  },
  'PUT /api/inspection-tasks/:id/answers': async () => {
    const t = await task();
    return { get: t.url, version: t.version, state: t.state, write: (h) => t.c.put(`${t.url}/answers`, { answers: { remarks: { value: uniq() } } }, h) };
  },
  'POST /api/inspection-tasks/:id/submit': async () => {
    const t = await task();
    const answers = { licence_valid: { value: true }, records_kept: { value: false } };
    return { get: t.url, version: t.version, state: t.state, write: (h) => t.c.post(`${t.url}/submit`, { answers, inspectedOn: todayInChina() }, h) };
  },
  'POST /api/inspection-tasks/:id/complete': async () => {
    const t = await task('inspected');
    return { get: t.url, version: t.version, state: t.state, write: (h) => t.c.post(`${t.url}/complete`, { resultCategory: '未发现问题' }, h) };
  },
  'POST /api/inspection-tasks/:id/rectification-orders': async () => {
    const t = await task('assigned');
    const answers = { licence_valid: { value: true }, records_kept: { value: false } };
    expect((await t.c.post(`${t.url}/submit`, { answers, inspectedOn: todayInChina() })).statusCode).toBe(200);
    return { get: t.url, version: t.version, state: t.state, write: (h) => t.c.post(`${t.url}/rectification-orders`, { requirements: '建立进货查验记录', workingDays: 10 }, h) };
  },
  'POST /api/rectification-orders/:id/report': async () => {
    const t = await task('rectifying');
    const orderId = ((await t.state()) as { rectificationOrders: { id: string }[] }).rectificationOrders[0]!.id;
    return { get: t.url, version: t.version, state: t.state, write: (h) => t.c.post(`/api/rectification-orders/${orderId}/report`, { reportText: '已建立记录', reportedOn: todayInChina() }, h) };
  },
  'POST /api/licences/:id/transitions/:requestId/approve': async () => {
    const c = await admin();
    // The first measure that needs approval: warning.
    await c.put('/api/licence-approval-rules/warning', { requiresApproval: true });
    const licence = await makeLicence(env);
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const url = `/api/licences/${licence.id}`;
    const body = { to: 'warning', reason: '多次抽查不合格', legalBasis: '某条例第十条', documentNo: `淮市监〔2026〕${uniq()}号`, reviewOn: addDays(todayInChina(), 30) };
    const requested = await officer.post(`${url}/transitions`, body);
    expect(requested.statusCode, requested.body).toBe(202);
    await c.put('/api/licence-approval-rules/warning', { requiresApproval: false });
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).json(), write: (h) => c.post(`${url}/transitions/${requested.json().id}/approve`, {}, h) };
  },
  'PATCH /api/users/:id': async () => {
    const user = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const c = await admin();
    const url = `/api/users/${user.id}`;
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).json(), write: (h) => c.patch(url, { displayName: `改名${uniq()}` }, h) };
  },
  'POST /api/users/:id/reset-password': async () => {
    const user = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const c = await admin();
    const url = `/api/users/${user.id}`;
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).json(), write: (h) => c.post(`${url}/reset-password`, { password: 'Reset#Pass2026' }, h) };
  },
  'POST /api/users/:id/unlock': async () => {
    const user = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const c = await admin();
    const url = `/api/users/${user.id}`;
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).json(), write: (h) => c.post(`${url}/unlock`, undefined, h) };
  },
  'PATCH /api/orgs/:id': async () => {
    const c = await admin();
    const org = (await c.post('/api/orgs', { name: `测试机构${uniq()}`, type: 'department', regionCode: '320800' })).json();
    const url = `/api/orgs/${org.id}`;
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).json(), write: (h) => c.patch(url, { name: `改名机构${uniq()}` }, h) };
  },
  'PATCH /api/roles/:key': async () => {
    const c = await admin();
    const key = `r_${uniq()}`;
    expect((await c.post('/api/roles', { key, name: '测试角色', permissions: ['enterprise.read'], dataScope: 'region' })).statusCode).toBe(201);
    const url = `/api/roles/${key}`;
    return { get: url, version: versionAt(c, url), state: async () => (await c.get(url)).json(), write: (h) => c.patch(url, { name: `角色${uniq()}` }, h) };
  },
  'PUT /api/calendar/days/:date': async () => {
    const c = await admin();
    const day = async () => ((await c.get('/api/calendar/days?year=2097')).json().items as { date: string; version: number }[]).find((d) => d.date === '2097-03-03') ?? { version: 0 };
    return { version: async () => (await day()).version, state: day, write: (h) => c.put('/api/calendar/days/2097-03-03', { workingDay: false, name: `调休${uniq()}` }, h) };
  },
  'DELETE /api/calendar/days/:date': async () => {
    const c = await admin();
    expect((await c.put('/api/calendar/days/2097-05-05', { workingDay: false, name: '临时' })).statusCode).toBe(200);
    const day = async () => ((await c.get('/api/calendar/days?year=2097')).json().items as { date: string; version: number }[]).find((d) => d.date === '2097-05-05') ?? null;
    return { version: async () => (await day())!.version, state: day, write: (h) => c.delete('/api/calendar/days/2097-05-05', h) };
  },
  'PUT /api/calendar/years/:year': async () => {
    const c = await admin();
    const year = async () => (await c.get('/api/calendar/days?year=2096')).json();
    return { version: async () => (await year()).coveredVersion, state: year, write: (h) => c.put('/api/calendar/years/2096', { covered: true }, h) };
  },
};

describe('If-Match on every editable record (issue 11 item 8)', () => {
  it('parses If-Match as our versions: strong, weak, lists and *', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch('"3"')).toEqual([3]);
    expect(parseIfMatch('W/"3", "4"')).toEqual([3, 4]);
    expect(parseIfMatch('"abc"')).toEqual([]);
    expect(parseIfMatch('3')).toEqual([]);
  });

  it('of concurrent creations with If-Match "0", exactly one wins: a calendar day, an approval rule, an inspector', { timeout: 60_000 }, async () => {
    const c = await admin();
    const user = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const twice = async (write: (i: number) => Promise<LightMyRequestResponse>) => (await Promise.all([write(1), write(2)])).map((r) => r.statusCode).sort();
    const zero = { 'if-match': '"0"' };
    expect(await twice((i) => c.put('/api/calendar/days/2097-08-08', { workingDay: i === 1 }, zero))).toEqual([200, 412]);
    expect(await twice((i) => c.put('/api/licence-approval-rules/normal', { requiresApproval: i === 2 }, zero))).toEqual([200, 412]);
    expect(await twice((i) => c.put(`/api/inspectors/${user.id}`, { certificateNo: `苏执${uniq()}-${i}` }, zero))).toEqual([201, 412]);
    // Without If-Match both apply, one after the other.
    expect(await twice((i) => c.put('/api/calendar/days/2097-08-09', { workingDay: i === 1 }))).toEqual([200, 200]);
    expect((((await c.get('/api/calendar/days?year=2097')).json().items as { date: string; version: number }[]).find((d) => d.date === '2097-08-09'))!.version).toBe(2);
  });

  for (const [route, setup] of Object.entries(TARGETS)) {
    it(`${route}: answers the ETag, refuses a stale If-Match with 412 changing nothing, applies the current one`, { timeout: 60_000 }, async () => {
      const target = await setup();
      if (target.get) {
        const got = (await admin()).get(target.get);
        const res = await got;
        expect(res.headers.etag, route).toBe(`"${res.json().version}"`);
      }
      const version = await target.version();
      const before = await target.state();

      const stale = await target.write({ 'if-match': `"${version + 7}"` });
      expect(stale.statusCode, route).toBe(412);
      expect(stale.json().error, route).toMatchObject({ code: 'PRECONDITION_FAILED', details: { currentVersion: version } });
      expect(await target.state(), route).toEqual(before);

      const ok = await target.write({ 'if-match': `"${version}"` });
      expect(ok.statusCode, `${route} ${ok.body}`).toBeLessThan(300);
      if (ok.statusCode === 204) {
        if (!route.startsWith('DELETE')) expect(await target.version(), route).toBe(version + 1);
      } else {
        const body = ok.json();
        // A write answers the record's new version (a task step answers the task, a decision the notice…).
        if (typeof body.version === 'number') {
          expect(body.version, route).toBe(version + 1);
          expect(ok.headers.etag, route).toBe(`"${version + 1}"`);
        }
      }
    });
  }
});
