import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { auditEvents } from '../../platform/audit/audit.schema.js';
import { useTestEnv } from '../../test/app.js';
import { makeEnterprise } from '../enterprises/testing.js';

/** Issue 15: quality commitments (质量安全公开承诺, seed §四1) — made and withdrawn by enterprises' accounts, read by officers in scope, public while in force. */
const env = useTestEnv();
type Client = Awaited<ReturnType<typeof env.login>>;

const NEW_PASSWORD = 'Qiye#Chengnuo2026';
let lianshui: Client;
let xuyi: Client;
let serial = 0;

beforeAll(async () => {
  lianshui = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
  xuyi = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
});

/** An enterprise in Lianshui and a signed-in account of it, made as officers make them (first sign-in changes the password). */
async function enterpriseAccount() {
  const enterprise = await makeEnterprise(env, { regionCode: '320826' });
  const made = await lianshui.post('/api/enterprise-accounts', { uscc: enterprise.uscc, username: `commit.${Date.now()}.${serial++}`, displayName: '王经理' });
  expect(made.statusCode, made.body).toBe(201);
  const { user, initialPassword } = made.json();
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: NEW_PASSWORD })).statusCode).toBe(204);
  return { enterprise, account: await env.login(user.username, NEW_PASSWORD) };
}

const commitment = (over: Record<string, unknown> = {}) => ({ kind: 'production', text: '本企业郑重承诺：按标准组织生产，不生产、销售不合格产品。', signedBy: '张法人', signedOn: todayInChina(), ...over });

describe('commitments of an enterprise', () => {
  it('are made, listed and withdrawn by the enterprise’s own account; a withdrawn one stays in the history; every change audited', async () => {
    const { enterprise, account } = await enterpriseAccount();
    const older = await account.post('/api/commitments', commitment({ kind: 'service', signedOn: addDays(todayInChina(), -10) }));
    expect(older.statusCode, older.body).toBe(201);
    expect(older.json()).toMatchObject({ uscc: enterprise.uscc, regionCode: '320826', kind: 'service', signedBy: '张法人', withdrawnOn: null, version: 1 });
    const res = await account.post('/api/commitments', commitment({ text: '  承诺文本  ' }));
    expect(res.statusCode).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({ uscc: enterprise.uscc, kind: 'production', text: '承诺文本', signedOn: todayInChina(), withdrawnOn: null });
    expect(Object.keys(made)).toEqual(expect.arrayContaining(['id', 'uscc', 'kind', 'text', 'signedBy', 'signedOn', 'withdrawnOn']));

    const listed = (await account.get('/api/commitments')).json();
    expect(listed.total).toBe(2);
    expect(listed.items.map((c: { id: string }) => c.id)).toEqual([made.id, older.json().id]);

    // A stale If-Match changes nothing; the current one withdraws.
    expect((await account.post(`/api/commitments/${made.id}/withdraw`, undefined, { 'if-match': '"7"' })).statusCode).toBe(412);
    const withdrawn = await account.post(`/api/commitments/${made.id}/withdraw`, undefined, { 'if-match': '"1"' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: made.id, withdrawnOn: todayInChina(), version: 2 });
    const again = await account.post(`/api/commitments/${made.id}/withdraw`);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'ALREADY_WITHDRAWN']);

    const history = (await account.get('/api/commitments')).json();
    expect(history.total).toBe(2);
    expect(history.items.find((c: { id: string }) => c.id === made.id).withdrawnOn).toBe(todayInChina());
    expect((await account.get('/api/commitments?active=true')).json().items.map((c: { id: string }) => c.id)).toEqual([older.json().id]);
    expect((await account.get('/api/commitments?active=false')).json().items.map((c: { id: string }) => c.id)).toEqual([made.id]);

    const events = await env.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.targetType, 'commitment'), eq(auditEvents.targetId, made.id)));
    expect(events.map((e) => e.action).sort()).toEqual(['commitment.created', 'commitment.withdrawn']);
  });

  it('are not another enterprise’s: 404 on withdrawing, none in its list', async () => {
    const mine = await enterpriseAccount();
    const other = await enterpriseAccount();
    const made = (await mine.account.post('/api/commitments', commitment())).json();
    expect((await other.account.post(`/api/commitments/${made.id}/withdraw`)).statusCode).toBe(404);
    expect((await other.account.get(`/api/commitments?uscc=${mine.enterprise.uscc}`)).json()).toEqual({ items: [], total: 0 });
    expect((await other.account.get('/api/commitments')).json().total).toBe(0);
    expect((await mine.account.get('/api/commitments')).json().items[0].withdrawnOn).toBeNull();
  });

  it('are read by officers in scope; out of scope they see none; staff and administrators cannot make or withdraw one', async () => {
    const { enterprise, account } = await enterpriseAccount();
    const made = (await account.post('/api/commitments', commitment({ kind: 'metrology' }))).json();
    const inScope = (await lianshui.get(`/api/commitments?uscc=${enterprise.uscc}`)).json();
    expect(inScope.items).toEqual([expect.objectContaining({ id: made.id, kind: 'metrology', enterpriseName: enterprise.name })]);
    expect((await xuyi.get(`/api/commitments?uscc=${enterprise.uscc}`)).json()).toEqual({ items: [], total: 0 });

    const admin = await env.loginAdmin();
    const refused = await admin.post('/api/commitments', commitment());
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await admin.post(`/api/commitments/${made.id}/withdraw`)).statusCode).toBe(403);
    expect((await lianshui.post('/api/commitments', commitment())).statusCode).toBe(403);
    expect((await admin.get(`/api/commitments?uscc=${enterprise.uscc}`)).json().total).toBe(1);
  });

  it('refuse bad input with the field at fault: a future date, too long a text, no signatory, an unknown kind', async () => {
    const { account } = await enterpriseAccount();
    const fieldOf = async (body: Record<string, unknown>) => {
      const res = await account.post('/api/commitments', body);
      expect(res.statusCode, res.body).toBe(400);
      const { details } = res.json().error;
      return [res.json().error.code, Array.isArray(details) ? details[0].field : details.field];
    };
    expect(await fieldOf(commitment({ signedOn: addDays(todayInChina(), 1) }))).toEqual(['VALIDATION', 'signedOn']);
    expect(await fieldOf(commitment({ signedOn: '2026-02-30' }))).toEqual(['INVALID_DATE', 'signedOn']);
    expect(await fieldOf(commitment({ text: '承'.repeat(2001) }))).toEqual(['VALIDATION', 'text']);
    expect(await fieldOf(commitment({ text: '   ' }))).toEqual(['VALIDATION', 'text']);
    expect(await fieldOf(commitment({ signedBy: ' ' }))).toEqual(['VALIDATION', 'signedBy']);
    expect(await fieldOf(commitment({ signedBy: '张'.repeat(51) }))).toEqual(['VALIDATION', 'signedBy']);
    expect((await fieldOf(commitment({ kind: 'marketing' })))[0]).toBe('VALIDATION');
    const { signedBy: _, ...unsigned } = commitment();
    expect(await fieldOf(unsigned)).toEqual(['VALIDATION', 'signedBy']);
    expect((await account.post('/api/commitments', commitment({ text: '承'.repeat(2000) }))).statusCode).toBe(201);
    expect((await account.get('/api/commitments')).json().total).toBe(1);
  });
});

describe('the public record', () => {
  it('shows the commitments in force, newest first, never a withdrawn one', async () => {
    const { enterprise, account } = await enterpriseAccount();
    const lookup = async () => {
      const res = await env.app.inject({ url: `/api/public/enterprises/${enterprise.uscc}` });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    expect((await lookup()).commitments).toEqual([]);
    const old = (await account.post('/api/commitments', commitment({ kind: 'other', text: '旧承诺', signedOn: addDays(todayInChina(), -30) }))).json();
    const recent = (await account.post('/api/commitments', commitment({ kind: 'equipment_user', text: '新承诺', signedOn: addDays(todayInChina(), -1) }))).json();
    const gone = (await account.post('/api/commitments', commitment({ text: '撤回的承诺' }))).json();
    expect((await account.post(`/api/commitments/${gone.id}/withdraw`)).statusCode).toBe(200);

    const record = await lookup();
    expect(record.commitments).toEqual([
      { kind: 'equipment_user', text: '新承诺', signedBy: '张法人', signedOn: recent.signedOn },
      { kind: 'other', text: '旧承诺', signedBy: '张法人', signedOn: old.signedOn },
    ]);
    expect(JSON.stringify(record)).not.toContain('撤回的承诺');
    expect(JSON.stringify(record)).not.toMatch(/creditClass|withdrawnOn|"id"/);
  });
});

describe('templates', () => {
  it('are read by enterprises and administrators and edited by administrators with If-Match, audited', async () => {
    const { account } = await enterpriseAccount();
    const listed = (await account.get('/api/commitment-templates')).json();
    expect(listed.items.map((t: { kind: string }) => t.kind)).toEqual(['production', 'equipment_user', 'metrology', 'service', 'other']);
    expect(listed.items[0].text).toContain('郑重承诺');
    expect((await xuyi.get('/api/commitment-templates')).statusCode).toBe(403);
    expect((await account.put('/api/commitment-templates/service', { title: 'x', text: 'y' })).statusCode).toBe(403);

    const head = await env.login((await env.makeUser({ roles: ['section_head'] })).username);
    const version = listed.items.find((t: { kind: string }) => t.kind === 'service').version;
    expect((await head.put('/api/commitment-templates/service', { title: '服务承诺书', text: '新模板' }, { 'if-match': `"${version + 5}"` })).statusCode).toBe(412);
    const edited = await head.put('/api/commitment-templates/service', { title: ' 服务承诺书 ', text: '本单位郑重承诺：诚信服务。' }, { 'if-match': `"${version}"` });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ kind: 'service', title: '服务承诺书', text: '本单位郑重承诺：诚信服务。', version: version + 1 });
    expect(edited.headers.etag).toBe(`"${version + 1}"`);
    const tooLong = await head.put('/api/commitment-templates/service', { title: '服务承诺书', text: '承'.repeat(2001) });
    expect([tooLong.statusCode, tooLong.json().error.details.field]).toEqual([400, 'text']);
    expect((await head.put('/api/commitment-templates/marketing', { title: 'a', text: 'b' })).statusCode).toBe(400);
    expect((await account.get('/api/commitment-templates')).json().items.find((t: { kind: string }) => t.kind === 'service').text).toBe('本单位郑重承诺：诚信服务。');
    const events = await env.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.targetType, 'commitment_template'), eq(auditEvents.targetId, 'service')));
    expect(events.map((e) => e.action)).toEqual(['commitment_template.updated']);
  });
});
