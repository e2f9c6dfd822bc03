import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/sql.js';
import { useTestEnv } from '../../test/app.js';

const env = useTestEnv();

describe('GET /api/audit/verify', () => {
  it('answers where the keyed chain starts and the anchors it matched, and anchor_missing once the newest 20 events are gone', async () => {
    const admin = await env.loginAdmin();
    const first = (await admin.get('/api/audit/verify')).json();
    expect(first).toMatchObject({ ok: true, firstBroken: null, keyedFrom: expect.any(String), anchors: { checked: 0, unreadable: 0, latest: null } });

    await inTransaction(env.db, async (tx) => {
      for (let i = 0; i < 25; i++) await env.services.audit.record(tx, env.ctx, { action: 'test.api', targetId: String(i) });
    });
    const { anchor } = (await env.services.audit.anchor(env.db))!;
    const anchored = await admin.get('/api/audit/verify');
    expect(anchored.statusCode).toBe(200);
    expect(anchored.json()).toMatchObject({ ok: true, checked: anchor.count, keyedFrom: first.keyedFrom, anchors: { checked: 1, latest: { lastId: String(anchor.lastId), at: anchor.at } } });

    await env.db.execute(sql`delete from audit_events where id in (select id from audit_events order by id desc limit 20)`);
    expect((await admin.get('/api/audit/verify')).json()).toMatchObject({ ok: false, checked: anchor.count - 20, firstBroken: { id: String(anchor.lastId), reason: 'anchor_missing' } });
  });
});
