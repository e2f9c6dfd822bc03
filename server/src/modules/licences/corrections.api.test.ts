import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../test/app.js';
import { makeEnterprise } from '../enterprises/testing.js';

const env = useTestEnv();

let seq = 0;
const licenceBody = (uscc: string) => ({ uscc, type: 'industrial_product', number: `XK13-${++seq}-${Date.now()}`, scope: '危险化学品', issuedOn: '2025-06-01', expiresOn: '2030-05-31', issuer: '江苏省市场监督管理局' });

async function issued(regionCode = '320826') {
  const c = await env.loginAdmin();
  const enterprise = await makeEnterprise(env, { regionCode });
  const res = await c.post('/api/licences', licenceBody(enterprise.uscc));
  expect(res.statusCode).toBe(201);
  return { c, licence: res.json() as { id: string; number: string; version: number } };
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

describe('licence corrections', () => {
  it('corrects a typo in the number and the scope, with If-Match, audited with before and after, on the licence’s timeline', async () => {
    const { c, licence } = await issued();
    const fixed = `${licence.number}0`;
    const res = await c.patch(`/api/licences/${licence.id}`, { number: fixed, scope: '危险化学品（工业硫酸）', reason: '录入时证书编号少录末位，许可范围漏录产品单元' }, ifMatch(licence.version));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ number: fixed, scope: '危险化学品（工业硫酸）', version: licence.version + 1 });
    expect(res.headers.etag).toBe(`"${licence.version + 1}"`);

    const history = (await c.get(`/api/licences/${licence.id}/corrections`)).json();
    expect(history.items).toEqual([
      expect.objectContaining({
        licenceId: licence.id,
        before: { number: licence.number, scope: '危险化学品' },
        after: { number: fixed, scope: '危险化学品（工业硫酸）' },
        reason: '录入时证书编号少录末位，许可范围漏录产品单元',
        correctedByName: expect.any(String),
      }),
    ]);
    const audit = (await c.get(`/api/audit?target=${licence.id}&action=licence.corrected`)).json();
    expect(audit.total).toBe(1);
    expect(audit.items[0]).toMatchObject({ before: { number: licence.number, scope: '危险化学品' }, after: { number: fixed, scope: '危险化学品（工业硫酸）', reason: expect.any(String) } });
  });

  it('requires If-Match (428), refuses a stale version (412), a reason, an unchanged value and a number already taken', async () => {
    const { c, licence } = await issued();
    const other = (await issued()).licence;
    const url = `/api/licences/${licence.id}`;
    expect((await c.patch(url, { scope: '新范围', reason: '更正' })).statusCode).toBe(428);
    expect((await c.patch(url, { scope: '新范围', reason: '更正' }, ifMatch(licence.version + 5))).statusCode).toBe(412);
    expect((await c.patch(url, { scope: '新范围', reason: '  ' }, ifMatch(licence.version))).json().error).toMatchObject({ code: 'VALIDATION', details: { field: 'reason' } });
    expect((await c.patch(url, { scope: '危险化学品', reason: '更正' }, ifMatch(licence.version))).json().error.code).toBe('NO_CHANGE');
    expect((await c.patch(url, { number: other.number, reason: '更正' }, ifMatch(licence.version))).json().error).toMatchObject({ code: 'DUPLICATE', details: { field: 'number' } });
    expect((await c.get(`/api/licences/${licence.id}/corrections`)).json().total).toBe(0);
    expect((await c.get(url)).json()).toMatchObject({ version: licence.version, number: licence.number });
  });

  it('corrects the dates of a current licence only, keeping the expiry after the issue date', async () => {
    const { c, licence } = await issued();
    const url = `/api/licences/${licence.id}`;
    expect((await c.patch(url, { expiresOn: '2025-05-01', reason: '录错' }, ifMatch(licence.version))).json().error).toMatchObject({ details: { field: 'expiresOn' } });
    const dated = await c.patch(url, { issuedOn: '2025-06-02', expiresOn: '2030-06-01', reason: '证书所载日期为 6 月 2 日' }, ifMatch(licence.version));
    expect(dated.json()).toMatchObject({ issuedOn: '2025-06-02', expiresOn: '2030-06-01' });

    const revoked = await c.post(`/api/licences/${licence.id}/transitions`, { to: 'revoked', reason: '吊销', legalBasis: '《工业产品生产许可证管理条例》', documentNo: `淮市监决〔2026〕${++seq}号` }, ifMatch(dated.json().version));
    expect(revoked.statusCode, revoked.body).toBe(200);
    const version = revoked.json().version;
    expect((await c.patch(url, { expiresOn: '2030-12-31', reason: '更正' }, ifMatch(version))).json().error.code).toBe('LICENCE_CLOSED');
    // A typo in a revoked licence's number can still be put right (the public record names it).
    expect((await c.patch(url, { number: `${licence.number}A`, reason: '编号录入错误' }, ifMatch(version))).statusCode).toBe(200);
  });

  it('hides licences outside the officer’s area (404) and refuses read-only roles (403)', async () => {
    const { licence } = await issued('320830');
    const lianshui = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    expect((await lianshui.patch(`/api/licences/${licence.id}`, { scope: 'x', reason: '更正' }, ifMatch(licence.version))).statusCode).toBe(404);
    expect((await lianshui.get(`/api/licences/${licence.id}/corrections`)).statusCode).toBe(404);
    const inspector = await env.login((await env.makeUser({ roles: ['inspector'], regionCode: '320830' })).username);
    expect((await inspector.patch(`/api/licences/${licence.id}`, { scope: 'x', reason: '更正' }, ifMatch(licence.version))).statusCode).toBe(403);
  });
});
