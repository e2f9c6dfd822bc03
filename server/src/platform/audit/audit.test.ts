import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/sql.js';
import { useServiceEnv } from '../../test/app.js';
import { auditEvents } from './audit.schema.js';

const env = useServiceEnv();

describe('audit log', () => {
  it('records an event in the same transaction as the change, and not when it rolls back', async () => {
    const before = await env.services.audit.list(env.db, env.admin, { action: 'test.rolled_back' }, { page: 1, pageSize: 10 });
    await expect(
      inTransaction(env.db, async (tx) => {
        await env.services.audit.record(tx, env.ctx, { action: 'test.rolled_back', targetId: 'x' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const after = await env.services.audit.list(env.db, env.admin, { action: 'test.rolled_back' }, { page: 1, pageSize: 10 });
    expect(after.total).toBe(before.total);
  });

  it('filters by actor, action prefix, target and time, newest first', async () => {
    const org = await env.orgIn('320826');
    await env.services.jurisdiction.updateOrg(env.ctx, org.id, { name: `${org.name}` });
    const t0 = new Date(Date.now() - 60_000);
    const res = await env.services.audit.list(env.db, env.admin, { actor: 'admin', action: 'org.', target: org.id, from: t0 }, { page: 1, pageSize: 50 });
    expect(res.total).toBeGreaterThanOrEqual(1);
    expect(res.items[0]!.action).toBe('org.updated');
    const ids = res.items.map((e) => e.id);
    expect([...ids].sort((a, b) => Number(b) - Number(a))).toEqual(ids);
    const none = await env.services.audit.list(env.db, env.admin, { action: 'org.', to: t0 }, { page: 1, pageSize: 50 });
    expect(none.items.every((e) => e.at <= t0)).toBe(true);
  });

  it('verifies an intact chain', async () => {
    const result = await env.services.audit.verify(env.db);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThan(2);
  });

  it('detects an edited row and names it', async () => {
    for (let i = 0; i < 3; i++) await inTransaction(env.db, (tx) => env.services.audit.record(tx, env.ctx, { action: 'test.chain', targetId: String(i), after: { i } }));
    const [victim] = await env.db.select({ id: auditEvents.id }).from(auditEvents).where(sql`${auditEvents.action} = 'test.chain' and ${auditEvents.targetId} = '1'`);
    await env.db.execute(sql`update audit_events set after = '{"i": 99}'::jsonb where id = ${victim!.id}`);
    const result = await env.services.audit.verify(env.db, 2);
    expect(result).toMatchObject({ ok: false, firstBroken: { id: String(victim!.id), reason: 'hash_mismatch' } });
    await env.db.execute(sql`update audit_events set after = '{"i": 1}'::jsonb where id = ${victim!.id}`);
    expect((await env.services.audit.verify(env.db)).ok).toBe(true);
  });

  it('detects a deleted row by the broken link after it', async () => {
    const rows = await env.db.select({ id: auditEvents.id }).from(auditEvents).where(sql`${auditEvents.action} = 'test.chain'`).orderBy(auditEvents.id);
    await env.db.execute(sql`delete from audit_events where id = ${rows[0]!.id}`);
    const result = await env.services.audit.verify(env.db);
    expect(result).toMatchObject({ ok: false, firstBroken: { id: String(rows[1]!.id), reason: 'chain_broken' } });
  });
});
