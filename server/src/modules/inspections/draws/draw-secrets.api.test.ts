import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyDrawRecord } from '../../../../../packages/draw-verify/zhijian-verify.mjs';
import { makeDrawSecrets } from '../../../platform/secrets/draw-secrets.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { CURRENT_YEAR, actorOf, auditRecordOf, makeInspector, makeItem, publicRecordOf } from '../testing.js';

/*
 * The draws' secrets at rest (docs/DRAW.md § Ceremony): the database holds them sealed under the
 * installation key, so a copy of it tells nothing before the reveal; draws committed before
 * sealing (plain secrets) still reveal; a secret sealed under another key is refused, never used.
 */

const env = useTestEnv();

/** A committed `/2` draw of 6 tagged enterprises in 320826, by a county officer. */
async function committedDraw() {
  const tag = `封存${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
  for (let i = 0; i < 6; i++) await makeEnterprise(env, { regionCode: '320826', tags: [tag] });
  for (let i = 0; i < 2; i++) await makeInspector(env, '320826');
  const { actor } = await actorOf(env, ['county_officer'], '320826');
  const ctx = { actor };
  const item = await makeItem(env);
  const pool = await env.services.pools.create(ctx, { name: '封存抽查对象', filter: { tag } });
  const plan = await env.services.plans.create(ctx, { name: `封存抽查 ${tag}`, year: CURRENT_YEAR, itemId: item.id, poolId: pool.id, quarters: [4], mode: 'fixed', fixedCount: 3 });
  const draw = await env.services.draws.commit(ctx, plan.id);
  return { ctx, draw };
}

/** The draw's row as the database holds it, read with SQL: its secrets and the whole row as text. */
async function rowOf(id: string) {
  const { rows } = await env.database.executeSql('select secret, blind_secret, row_to_json(d)::text as text from draws d where id = $1', [id]);
  const row = rows[0] as { secret: Uint8Array; blind_secret: Uint8Array; text: string };
  return { secret: Buffer.from(row.secret), blindSecret: Buffer.from(row.blind_secret), text: row.text };
}

async function setSecrets(id: string, secret: Buffer, blindSecret: Buffer) {
  await env.database.executeSql('update draws set secret = $2, blind_secret = $3 where id = $1', [id, secret, blindSecret]);
}

describe('the secrets of a draw at rest', () => {
  it('are sealed in the database: the committed row holds neither the secret nor the blind secret, and the reveal still verifies', async () => {
    const { ctx, draw } = await committedDraw();
    const committedRow = await rowOf(draw.id);
    expect(committedRow.secret.length).toBe(64);
    expect(committedRow.blindSecret.length).toBe(64);
    expect(committedRow.secret.subarray(0, 4).toString('latin1')).toBe('zds\x01');

    await env.services.draws.reveal(ctx, draw.id, '见证：封存');
    const record = await publicRecordOf(env, draw.id);
    expect(await verifyDrawRecord(record)).toMatchObject({ ok: true, status: 'revealed' });
    const { blindSecret } = await auditRecordOf(env, draw.id);
    const secretBytes = Buffer.from(record.secret!, 'hex');
    const blindBytes = Buffer.from(blindSecret!, 'hex');
    expect(secretBytes.length).toBe(32);
    expect(blindBytes.length).toBe(32);
    // Nowhere in the committed row, raw or in hex; after the reveal the secret is public (in the record), the blind secret never.
    for (const bytes of [secretBytes, blindBytes]) {
      expect(committedRow.secret.includes(bytes.subarray(0, 8))).toBe(false);
      expect(committedRow.blindSecret.includes(bytes.subarray(0, 8))).toBe(false);
      expect(committedRow.text).not.toContain(bytes.toString('hex'));
    }
    const revealedRow = await rowOf(draw.id);
    expect(revealedRow.text).not.toContain(blindSecret!);
    expect(revealedRow.blindSecret.equals(committedRow.blindSecret)).toBe(true);
  });

  it('of a draw committed before sealing (plain, 32 bytes) are read as they are: it reveals and verifies', async () => {
    const { ctx, draw } = await committedDraw();
    const sealed = await rowOf(draw.id);
    const secret = env.services.drawSecrets.open(sealed.secret);
    const blindSecret = env.services.drawSecrets.open(sealed.blindSecret);
    await setSecrets(draw.id, secret, blindSecret);
    expect((await rowOf(draw.id)).secret.equals(secret)).toBe(true);

    expect((await publicRecordOf(env, draw.id)).status).toBe('committed'); // the blinded ids rebuilt from the plain blind secret
    await env.services.draws.reveal(ctx, draw.id, '见证：旧记录');
    const record = await publicRecordOf(env, draw.id);
    expect(record.secret).toBe(secret.toString('hex'));
    expect(await verifyDrawRecord(record, { statement: draw.commitStatement! })).toMatchObject({ ok: true, status: 'revealed' });
    expect((await auditRecordOf(env, draw.id)).blindSecret).toBe(blindSecret.toString('hex'));
  });

  it('of a draw committed before sealing are sealed by the start-up step (a /1 draw without a blind secret too); the draw then reveals and verifies', async () => {
    const { ctx, draw } = await committedDraw();
    const sealed = await rowOf(draw.id);
    const [secret, blindSecret] = [env.services.drawSecrets.open(sealed.secret), env.services.drawSecrets.open(sealed.blindSecret)];
    await setSecrets(draw.id, secret, blindSecret);
    const v1 = await committedDraw();
    const v1Secret = env.services.drawSecrets.open((await rowOf(v1.draw.id)).secret);
    await env.database.executeSql('update draws set secret = $2, blind_secret = null where id = $1', [v1.draw.id, v1Secret]);

    expect(await env.services.draws.resealLegacySecrets()).toBeGreaterThanOrEqual(2);
    const row = await rowOf(draw.id);
    expect([row.secret.length, row.blindSecret.length]).toEqual([64, 64]);
    expect([env.services.drawSecrets.open(row.secret), env.services.drawSecrets.open(row.blindSecret)]).toEqual([secret, blindSecret]);
    const { rows } = await env.database.executeSql('select secret, blind_secret from draws where id = $1', [v1.draw.id]);
    const v1Row = rows[0] as { secret: Uint8Array; blind_secret: Uint8Array | null };
    expect([v1Row.secret.length, v1Row.blind_secret]).toEqual([64, null]);
    expect(env.services.drawSecrets.open(Buffer.from(v1Row.secret))).toEqual(v1Secret);
    expect(await env.services.draws.resealLegacySecrets()).toBe(0);

    await env.services.draws.reveal(ctx, draw.id, '见证：补封存');
    const record = await publicRecordOf(env, draw.id);
    expect(record.secret).toBe(secret.toString('hex'));
    expect(await verifyDrawRecord(record, { statement: draw.commitStatement! })).toMatchObject({ ok: true, status: 'revealed' });
  });

  it('sealed under another installation key are refused with DRAW_SECRET_UNREADABLE, and the draw stays committed', async () => {
    const { draw } = await committedDraw();
    const other = makeDrawSecrets(randomBytes(32));
    await setSecrets(draw.id, other.seal(randomBytes(32)), other.seal(randomBytes(32)));
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const res = await officer.post(`/api/draws/${draw.id}/reveal`, { witnessInput: '见证：换了密钥' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toMatchObject({ code: 'DRAW_SECRET_UNREADABLE', message: expect.stringContaining('ZJ_SECRET_KEY') });
    expect((await env.services.draws.get(env.admin, draw.id)).status).toBe('committed');
    await expect(auditRecordOf(env, draw.id)).rejects.toMatchObject({ code: 'DRAW_SECRET_UNREADABLE' });
  });
});
