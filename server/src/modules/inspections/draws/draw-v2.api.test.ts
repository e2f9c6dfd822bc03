import { eq } from 'drizzle-orm';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCommitStatement, verifyDrawRecord } from '../../../../../packages/draw-verify/zhijian-verify.mjs';
import { readStatements } from '../../../platform/audit/audit.anchors.js';
import { users } from '../../../platform/users/users.schema.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise, setCreditClass } from '../../enterprises/testing.js';
import { draws } from '../inspections.schema.js';
import { CURRENT_YEAR, type RecordJson, makeItem } from '../testing.js';

const env = useTestEnv();

/** A plan over 12 tagged enterprises of 320826 in four classes (3 each), with three inspectors, committed by a county officer. */
async function committedDraw() {
  const tag = `一公开${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
  const byClass: Record<string, string[]> = { A: [], B: [], C: [], D: [] };
  for (const creditClass of ['A', 'B', 'C', 'D'] as const) {
    for (let i = 0; i < 3; i++) {
      const e = await makeEnterprise(env, { regionCode: '320826', tags: [tag] });
      await setCreditClass(env, e.id, creditClass);
      byClass[creditClass]!.push(e.uscc);
    }
  }
  const inspectors: string[] = [];
  for (let i = 0; i < 3; i++) {
    const user = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    await env.services.inspectors.put(env.ctx, user.id, { certificateNo: `苏执公开${Date.now()}${i}` });
    inspectors.push(user.id);
  }
  const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
  const item = await makeItem(env);
  const pool = (await officer.post('/api/object-pools', { name: '一公开企业', filter: { tag } })).json();
  const plan = (await officer.post('/api/inspection-plans', { name: `${CURRENT_YEAR} 年一公开抽查 ${tag}`, year: CURRENT_YEAR, itemId: item.id, poolId: pool.id, quarters: [4], mode: 'ratio', ratios: { A: 30, B: 30, C: 30, D: 100 } })).json();
  const res = await officer.post(`/api/inspection-plans/${plan.id}/draws`);
  expect(res.statusCode).toBe(201);
  return { officer, draw: res.json(), byClass, inspectors, plan };
}

const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });

describe('zhijian-draw/2: the commitment is public, the record proves fairness without exposing risk classes', () => {
  it('publishes a committed draw at once without secret, seed, selection, openings or assignments, and its statement matches', async () => {
    const { draw, inspectors } = await committedDraw();
    expect(draw).toMatchObject({ status: 'committed', version: 'zhijian-draw/2', inspectorsPerTask: 2, inspectorPoolHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(draw.strata.map((s: { name: string; n: number; k: number; className: string | null }) => [s.name, s.n, s.className])).toEqual([
      ['S1', 3, null],
      ['S2', 3, null],
      ['S3', 3, null],
      ['S4', 3, null],
    ]);
    expect(parseCommitStatement(draw.commitStatement)).toEqual({ id: draw.id, commitment: draw.commitment, candidatesHash: draw.candidatesHash, inspectorPoolHash: draw.inspectorPoolHash, inspectorsPerTask: 2, committedAt: new Date(draw.committedAt).toISOString() });
    // The statement left the database at once: it is in the audit anchors.
    expect(readStatements(env.config.auditAnchorDir).map((s) => s.statement)).toContain(draw.commitStatement);

    const list = (await get(`/api/public/draws?status=committed&year=${CURRENT_YEAR}&pageSize=100`)).json();
    expect(list.items).toContainEqual({
      id: draw.id,
      planName: draw.planName,
      bureauName: draw.bureauName,
      itemName: draw.itemName,
      status: 'committed',
      committedAt: draw.committedAt,
      revealedAt: null,
      cancelledAt: null,
      commitment: draw.commitment,
      candidatesHash: draw.candidatesHash,
      inspectorPoolHash: draw.inspectorPoolHash,
      inspectorsPerTask: 2,
    });
    expect((await get('/api/public/draws?status=revealed&pageSize=100')).json().items.some((d: { id: string }) => d.id === draw.id)).toBe(false);

    const res = await get(`/api/public/draws/${draw.id}`);
    expect(res.headers['cache-control']).toBe('no-cache');
    const record = res.json() as RecordJson;
    for (const field of ['secret', 'seed', 'witnessInput', 'openings', 'assignments', 'objects', 'blindSecret', 'labels']) expect(record, field).not.toHaveProperty(field);
    for (const s of record.strata) {
      expect(s).not.toHaveProperty('selected');
      expect(s).not.toHaveProperty('keys');
      expect(s.candidates.every((c) => /^[0-9a-f]{64}$/.test(c))).toBe(true);
    }
    expect(record.inspectorPool).toEqual([...inspectors].sort());
    expect(record.inspectors.map((i) => i.certificateNo)).toEqual(expect.arrayContaining([expect.stringMatching(/^苏执公开/)]));
    expect(await verifyDrawRecord(record, { statement: draw.commitStatement })).toMatchObject({ ok: true, status: 'committed' });
  });

  it('reveals a record that verifies, opens only the selected ids, and never shows an unselected key, a class or the blind secret', async () => {
    const { officer, draw, byClass } = await committedDraw();
    const revealed = await officer.post(`/api/draws/${draw.id}/reveal`, { witnessInput: '见证人：李四 1205' });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toMatchObject({ status: 'revealed', witnessInput: '见证人：李四 1205', seed: expect.stringMatching(/^[0-9a-f]{64}$/), selectedCount: 6 });

    const res = await get(`/api/public/draws/${draw.id}`);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const text = res.body;
    const record = JSON.parse(text) as RecordJson;
    expect(await verifyDrawRecord(record, { statement: draw.commitStatement })).toMatchObject({ ok: true, status: 'revealed' });
    expect(record).not.toHaveProperty('tasksCreatedAt');

    const opened = record.openings!.map((o) => o.key);
    expect(opened).toHaveLength(6);
    expect(record.assignments!.map((a) => a.objectKey)).toEqual(opened);
    expect(record.objects!.map((o) => o.key)).toEqual(opened);
    for (const key of Object.values(byClass).flat()) expect(text.includes(key), key).toBe(opened.includes(key));
    const [drawRow] = await env.db.select({ blindSecret: draws.blindSecret }).from(draws).where(eq(draws.id, draw.id));
    expect(text).not.toContain(drawRow!.blindSecret!.toString('hex'));
    expect(text).not.toMatch(/"labels"|"className"|"keys"|"blindSecret"|"evidence"|未分类|[ABCD]类/);
    // All of class D (100 %) is selected, and so named; who else was in a class is not.
    expect(record.strata.find((s) => s.k === 3)!.selected).toHaveLength(3);

    // Each representation has its validator; a client holding it gets 304.
    const gz = await get(`/api/public/draws/${draw.id}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(text);
    expect(gz.headers.etag).not.toBe(res.headers.etag);
    expect((await get(`/api/public/draws/${draw.id}`, { 'if-none-match': String(res.headers.etag) })).statusCode).toBe(304);
    expect((await get(`/api/public/draws/${draw.id}`, { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) })).statusCode).toBe(304);
  });

  it('freezes the inspector pool at commit: an inspector removed and one disabled after it are assigned as at commit', async () => {
    const { officer, draw, inspectors } = await committedDraw();
    const pool = ((await get(`/api/public/draws/${draw.id}`)).json() as RecordJson).inspectorPool!;
    expect(pool).toEqual(expect.arrayContaining(inspectors));
    const admin = await env.login((await env.makeUser({ roles: ['admin'] })).username);
    const removed = inspectors[0]!;
    const current = await admin.get(`/api/inspectors/${removed}`);
    expect((await admin.delete(`/api/inspectors/${removed}`, { 'if-match': String(current.headers.etag) })).statusCode).toBe(204);
    await env.db.update(users).set({ active: false }).where(eq(users.id, inspectors[1]!));
    const late = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    await env.services.inspectors.put(env.ctx, late.id, { certificateNo: `苏执迟到${Date.now()}` });

    await officer.post(`/api/draws/${draw.id}/reveal`, {});
    const record = (await get(`/api/public/draws/${draw.id}`)).json() as RecordJson;
    expect(record.inspectorPool).toEqual(pool);
    for (const a of record.assignments!) {
      expect([...a.candidates, ...a.excluded.map((x) => x.inspector)].sort()).toEqual(pool);
      expect(a.candidates).toEqual(expect.arrayContaining(inspectors));
    }
    expect(await verifyDrawRecord(record, { statement: draw.commitStatement })).toMatchObject({ ok: true });
  });

  it('gives the auditors’ record — blind secret, labels, keys, evidence — only with draw.audit, in the plan’s scope, and audits each read', async () => {
    const { officer, draw, byClass } = await committedDraw();
    expect((await officer.get(`/api/draws/${draw.id}/audit-record`)).statusCode).toBe(403);
    const admin = await env.login((await env.makeUser({ roles: ['admin'] })).username);
    const staffView = await admin.get(`/api/draws/${draw.id}`);
    expect(staffView.statusCode, staffView.body).toBe(200);
    expect(staffView.json().strata.map((s: { className: string }) => s.className).sort()).toEqual(['A', 'B', 'C', 'D']);
    await officer.post(`/api/draws/${draw.id}/reveal`, { witnessInput: '审计' });

    const res = await admin.get(`/api/draws/${draw.id}/audit-record`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const record = res.json() as RecordJson;
    expect(record.blindSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.values(record.labels!).sort()).toEqual(['A', 'B', 'C', 'D']);
    for (const s of record.strata) expect(s.keys).toEqual([...byClass[record.labels![s.name]!]!].sort());
    expect(await verifyDrawRecord(record, { statement: draw.commitStatement })).toMatchObject({ ok: true, audit: true });
    const audited = await admin.get(`/api/audit?target=${draw.id}`);
    expect(audited.json().items.map((e: { action: string }) => e.action)).toContain('draw.audit_record_read');

    // Another county's officer cannot read the staff view of the draw.
    const xuyi = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    expect((await xuyi.get(`/api/draws/${draw.id}`)).statusCode).toBe(404);
  });

  it('keeps a cancelled draw public with its reason and without its secret', async () => {
    const { officer, draw } = await committedDraw();
    expect((await get(`/api/public/draws/${draw.id}`)).json().status).toBe('committed');
    await officer.post(`/api/draws/${draw.id}/cancel`, { reason: '名录库有误' });
    const res = await get(`/api/public/draws/${draw.id}`);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: '名录库有误', commitment: draw.commitment });
    expect(res.json()).not.toHaveProperty('secret');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/api/public/draws?status=cancelled&pageSize=100')).json().items.map((d: { id: string }) => d.id)).toContain(draw.id);
  });
});
