import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { useTestEnv } from '../../test/app.js';
import { makeEnterprise } from '../enterprises/testing.js';

const env = useTestEnv();

let seq = 0;
const licenceBody = (uscc: string) => ({ uscc, type: 'industrial_product', number: `XK13-${++seq}-${Date.now()}`, scope: '危险化学品', issuedOn: '2025-06-01', expiresOn: '2030-05-31', issuer: '江苏省市场监督管理局' });
const measure = (to: string) => ({ to, reason: '证照部门反馈企业已变更住所', legalBasis: '《工业产品生产许可证管理条例》第四十一条', documentNo: `淮市监许〔2026〕${++seq}号` });

describe('licences API', () => {
  it('lists the licence types', async () => {
    const res = await (await env.loginAdmin()).get('/api/licence-types');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'cma', name: '检验检测机构资质认定证书（CMA）' })]));
  });

  it('issues a licence (201, state normal), shows it, and answers a forbidden transition with 409 INVALID_TRANSITION', async () => {
    const c = await env.loginAdmin();
    const enterprise = await makeEnterprise(env);
    const created = await c.post('/api/licences', licenceBody(enterprise.uscc));
    expect(created.statusCode).toBe(201);
    const licence = created.json();
    expect(licence).toMatchObject({ id: expect.any(String), state: 'normal', uscc: enterprise.uscc });
    expect(licence.allowedTargets).toEqual(['warning', 'changeOrdered', 'suspended', 'revoked', 'cancelled', 'withdrawn']);
    expect((await c.post('/api/licences', { ...licenceBody(enterprise.uscc), number: licence.number })).json().error.code).toBe('DUPLICATE');
    expect((await c.get(`/api/licences/${licence.id}`)).json().number).toBe(licence.number);

    // The notice (告知书) was generated on issuing and is stored with the licence.
    const notice = await c.get(`/api/licences/${licence.id}/notice`);
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toContain('wordprocessingml');
    expect(notice.headers['content-disposition']).toContain(encodeURIComponent('告知书'));
    const text = await (await JSZip.loadAsync(notice.rawPayload)).file('word/document.xml')!.async('string');
    for (const phrase of ['告 知 书', enterprise.name, licence.number, '须遵守', '2030年5月31日', '淮安市市场监督管理局']) expect(text).toContain(phrase);

    const warned = await c.post(`/api/licences/${licence.id}/transitions`, { ...measure('warning'), reviewOn: addDays(todayInChina(), 60) });
    expect(warned.statusCode).toBe(200);
    expect(warned.json()).toMatchObject({ state: 'warning', reviewOn: addDays(todayInChina(), 60) });
    const missing = await c.post(`/api/licences/${licence.id}/transitions`, measure('changeOrdered'));
    expect(missing.statusCode).toBe(400);
    expect((await c.post(`/api/licences/${licence.id}/transitions`, measure('revoked'))).json()).toMatchObject({ state: 'revoked', allowedTargets: [] });
    const again = await c.post(`/api/licences/${licence.id}/transitions`, measure('normal'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
    const timeline = (await c.get(`/api/licences/${licence.id}/transitions`)).json();
    expect(timeline.items.map((t: { toState: string }) => t.toState)).toEqual(['revoked', 'warning']);
    expect((await c.get(`/api/licences?state=revoked&uscc=${enterprise.uscc}`)).json().total).toBe(1);
  });

  it('answers 202 with the pending request when approval is required, and applies it on approval by a section head', async () => {
    const admin = await env.loginAdmin();
    expect((await admin.put('/api/licence-approval-rules/suspended', { requiresApproval: true })).statusCode).toBe(200);
    try {
      const officer = await env.makeUser({ roles: ['city_officer'] });
      const head = await env.makeUser({ roles: ['section_head'] });
      const o = await env.login(officer.username);
      const h = await env.login(head.username);
      const enterprise = await makeEnterprise(env);
      const licence = (await o.post('/api/licences', licenceBody(enterprise.uscc))).json();
      const asked = await o.post(`/api/licences/${licence.id}/transitions`, measure('suspended'));
      expect(asked.statusCode).toBe(202);
      const request = asked.json();
      expect(request).toMatchObject({ status: 'pending', toState: 'suspended', fromState: 'normal' });
      expect((await o.get(`/api/licences/${licence.id}`)).json().state).toBe('normal');
      expect((await o.post(`/api/licences/${licence.id}/transitions/${request.id}/approve`, {})).statusCode).toBe(403); // no licence.approve
      const approved = await h.post(`/api/licences/${licence.id}/transitions/${request.id}/approve`, {});
      expect(approved.statusCode).toBe(200);
      expect(approved.json().state).toBe('suspended');
    } finally {
      await admin.put('/api/licence-approval-rules/suspended', { requiresApproval: false });
    }
  });

  it('keeps a county officer to its own county', async () => {
    const admin = await env.loginAdmin();
    const foreign = (await admin.post('/api/licences', licenceBody((await makeEnterprise(env, { regionCode: '320830' })).uscc))).json();
    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    expect((await county.get(`/api/licences/${foreign.id}`)).statusCode).toBe(404);
    expect((await county.get(`/api/licences/${foreign.id}/notice`)).statusCode).toBe(404);
    expect((await county.post(`/api/licences/${foreign.id}/transitions`, { ...measure('warning'), reviewOn: addDays(todayInChina(), 10) })).statusCode).toBe(404);
    expect((await county.get('/api/licences?pageSize=500')).json().items.every((l: { regionCode: string }) => l.regionCode === '320826')).toBe(true);
    expect((await county.put('/api/licence-approval-rules/revoked', { requiresApproval: true })).statusCode).toBe(403);
  });
});
