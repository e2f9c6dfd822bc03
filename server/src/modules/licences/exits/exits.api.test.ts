import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { decision, docxText, exitInput } from './testing.js';
import { makeLicence } from '../testing.js';

const env = useTestEnv();

describe('licence exits API', () => {
  it('runs a conditions_lost procedure from the report to the revocation, with its documents', async () => {
    const c = await env.loginAdmin();
    const licence = await makeLicence(env);
    const investigator = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });

    const opened = await c.post('/api/licence-exits', exitInput('conditions_lost', licence.id, investigator.id));
    expect(opened.statusCode).toBe(201);
    const exit = opened.json();
    expect(exit).toMatchObject({ licenceId: licence.id, kind: 'conditions_lost', stage: 'investigating', investigatorName: investigator.displayName, licence: { number: licence.number, state: 'normal' } });
    expect((await c.post('/api/licence-exits', exitInput('closure', licence.id))).json().error.code).toBe('EXIT_OPEN');

    const detail = (await c.get(`/api/licence-exits/${exit.id}`)).json();
    expect(detail.documents).toEqual([expect.objectContaining({ kind: 'investigation_notice', exitId: exit.id })]);
    const notice = await c.get(`/api/licences/${licence.id}/documents/${detail.documents[0].id}`);
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toContain('wordprocessingml');
    expect(await docxText(notice.rawPayload)).toContain(investigator.displayName);

    const early = await c.post(`/api/licence-exits/${exit.id}/decision`, decision('revoked'));
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('EXIT_STAGE');
    const investigated = await c.post(`/api/licence-exits/${exit.id}/investigation`, { findings: '现场已无生产设备', justifiedReason: false });
    expect(investigated.statusCode).toBe(200);
    expect(investigated.json()).toMatchObject({ stage: 'deciding', allowedOutcomes: ['revoked'] });
    const refused = await c.post(`/api/licence-exits/${exit.id}/decision`, decision('dismissed'));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'EXIT_OUTCOME_NOT_ALLOWED', details: { allowed: ['revoked'] } });

    const decided = await c.post(`/api/licence-exits/${exit.id}/decision`, decision('revoked'));
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ stage: 'closed', outcome: 'revoked', transitionStatus: 'applied', licence: { state: 'revoked' } });
    expect((await c.get(`/api/licences/${licence.id}`)).json().state).toBe('revoked');
    const documents = (await c.get(`/api/licence-exits/${exit.id}`)).json().documents.map((d: { kind: string }) => d.kind);
    expect(documents).toEqual(expect.arrayContaining(['investigation_notice', 'revocation_decision']));

    const again = await c.post('/api/licence-exits', exitInput('closure', licence.id));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
    const listed = (await c.get(`/api/licence-exits?licenceId=${licence.id}&stage=closed&kind=conditions_lost`)).json();
    expect(listed).toMatchObject({ total: 1, items: [{ id: exit.id }] });
  });

  it('validates the request: no unknown fields, no feedback source by hand, a law area for a serious violation', async () => {
    const c = await env.loginAdmin();
    const licence = await makeLicence(env);
    const input = exitInput('serious_violation', licence.id);
    for (const body of [{ ...input, extra: 1 }, { ...input, triggerSource: 'feedback', feedbackId: crypto.randomUUID() }, { ...input, kind: 'bankrupt' }]) {
      const res = await c.post('/api/licence-exits', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    const noLaw = await c.post('/api/licence-exits', { ...input, lawArea: undefined });
    expect(noLaw.statusCode).toBe(400);
    expect(noLaw.json().error.details).toEqual({ field: 'lawArea' });
    expect((await c.get(`/api/licence-exits?licenceId=${licence.id}`)).json().total).toBe(0);
  });

  it('answers 403 to a user without licence.write and 404 outside the jurisdiction', async () => {
    const admin = await env.loginAdmin();
    const own = await makeLicence(env, { regionCode: '320826' });
    const foreign = await makeLicence(env, { regionCode: '320830' });
    const foreignExit = (await admin.post('/api/licence-exits', exitInput('closure', foreign.id))).json();
    const ownExit = (await admin.post('/api/licence-exits', exitInput('closure', own.id))).json();

    const inspector = await env.login((await env.makeUser({ roles: ['inspector'], regionCode: '320826' })).username);
    expect((await inspector.get(`/api/licence-exits/${ownExit.id}`)).statusCode).toBe(200);
    expect((await inspector.post('/api/licence-exits', exitInput('serious_violation', own.id))).statusCode).toBe(403);
    expect((await inspector.post(`/api/licence-exits/${ownExit.id}/decision`, decision('dismissed'))).statusCode).toBe(403);

    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    expect((await county.get(`/api/licence-exits/${foreignExit.id}`)).statusCode).toBe(404);
    expect((await county.post(`/api/licence-exits/${foreignExit.id}/decision`, decision('dismissed'))).statusCode).toBe(404);
    expect((await county.post('/api/licence-exits', exitInput('serious_violation', foreign.id))).statusCode).toBe(404);
    const listed = (await county.get('/api/licence-exits?pageSize=500')).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(ownExit.id);
    expect(listed.items.map((i: { id: string }) => i.id)).not.toContain(foreignExit.id);
    const dismissed = await county.post(`/api/licence-exits/${ownExit.id}/decision`, { outcome: 'dismissed', reason: '关闭决定已撤回' });
    expect(dismissed.json()).toMatchObject({ stage: 'closed', outcome: 'dismissed', licence: { state: 'normal' } });
  });

  it('lets the assigned investigator record the investigation whatever their role (audited), and no other user without licence.write', async () => {
    const admin = await env.loginAdmin();
    const licence = await makeLicence(env, { regionCode: '320826' });
    const investigator = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const exit = (await admin.post('/api/licence-exits', exitInput('conditions_lost', licence.id, investigator.id))).json();
    const body = { findings: '现场核查，生产设备已搬离', justifiedReason: false };

    const otherInspector = await env.login((await env.makeUser({ roles: ['inspector'], regionCode: '320826' })).username);
    const refused = await otherInspector.post(`/api/licence-exits/${exit.id}/investigation`, body);
    expect(refused.statusCode).toBe(403);
    const nobody = await env.login((await env.makeUser({ roles: ['institution'], regionCode: '320826' })).username);
    expect((await nobody.post(`/api/licence-exits/${exit.id}/investigation`, body)).statusCode).toBe(403);
    const foreignOfficer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    expect((await foreignOfficer.post(`/api/licence-exits/${exit.id}/investigation`, body)).statusCode).toBe(404);

    const own = await env.login(investigator.username);
    const recorded = await own.post(`/api/licence-exits/${exit.id}/investigation`, body, { 'if-match': `"${exit.version}"` });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json()).toMatchObject({ stage: 'deciding', findings: body.findings, justifiedReason: false });
    const audit = (await admin.get(`/api/audit?target=${exit.id}&pageSize=50`)).json();
    expect(audit.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'licence_exit.investigated', actorId: investigator.id, after: expect.objectContaining({ asInvestigator: true }) })]));
    // The investigator records; the decision stays with those who handle licences.
    expect((await own.post(`/api/licence-exits/${exit.id}/decision`, decision('revoked'))).statusCode).toBe(403);
  });
});
