import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyDrawRecord } from '../../../../packages/draw-verify/zhijian-verify.mjs';
import { inTransaction } from '../../db/sql.js';
import { makeDrawSecrets } from '../../platform/secrets/draw-secrets.js';
import { useTestEnv } from '../../test/app.js';
import { makeLot, makePlan, makeProduct, makeProducers } from './testing.js';

/*
 * The module's draws in public: the list and the record. The record verifies with the site's
 * verifier before and after the reveal, names its lot and product, and opens only the drawn keys.
 */

const env = useTestEnv();

describe('the public records of spot-check draws', () => {
  it('lists a lot’s draw and serves a record that verifies, with the lot, the product and the drawn enterprises’ names', async () => {
    const product = await makeProduct(env, { name: '公开抽取测试产品' });
    const producers = await makeProducers(env, product.id, 4);
    const lot = await makeLot(env, { productId: product.id, planId: (await makePlan(env)).id, batches: 2 });
    const { id } = await inTransaction(env.db, (tx) => env.services.spotchecks.draws.commit(tx, env.ctx, { purpose: 'sampling', lotId: lot.id, strata: [{ className: '生产企业', keys: producers.map((p) => p.uscc), k: 2 }] }));
    const get = (url: string) => env.app.inject({ url, remoteAddress: '198.51.100.31' });

    const committed = (await get(`/api/public/spotcheck-draws/${id}`)).json();
    expect(committed).toMatchObject({ id, status: 'committed', lotNo: lot.lotNo, productName: '公开抽取测试产品', purpose: 'sampling' });
    expect(committed).not.toHaveProperty('secret');
    expect(committed).not.toHaveProperty('objects');
    expect(JSON.stringify(committed)).not.toContain(producers[0]!.uscc); // candidates are blinded
    expect(await verifyDrawRecord(committed, { statement: committed.commitStatement })).toMatchObject({ ok: true, status: 'committed' });

    await inTransaction(env.db, (tx) => env.services.spotchecks.draws.reveal(tx, env.ctx, id, '见证人输入'));
    const revealed = (await get(`/api/public/spotcheck-draws/${id}`)).json();
    expect(await verifyDrawRecord(revealed, { statement: committed.commitStatement })).toMatchObject({ ok: true, status: 'revealed' });
    expect(revealed.objects).toHaveLength(2);
    for (const o of revealed.objects) expect(producers.find((p) => p.uscc === o.key)?.name).toBe(o.name);

    const list = (await get('/api/public/spotcheck-draws?purpose=sampling&pageSize=100')).json();
    expect(list.items.find((d: { id: string }) => d.id === id)).toMatchObject({ status: 'revealed', lotNo: lot.lotNo, productName: '公开抽取测试产品', candidates: 4, chosen: 2 });
    expect((await get('/api/public/spotcheck-draws?purpose=tie')).statusCode).toBe(400);
    expect((await get('/api/public/spotcheck-draws/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('the secrets of spot-check draws at rest', () => {
  const sealedDraws = () => env.services.spotchecks.draws; // as wired in app.ts: sealed with the installation's key
  const rowOf = async (id: string) => {
    const { rows } = await env.database.executeSql('select secret, blind_secret, row_to_json(d)::text as text from spotcheck_draws d where id = $1', [id]);
    const row = rows[0] as { secret: Uint8Array; blind_secret: Uint8Array; text: string };
    return { secret: Buffer.from(row.secret), blindSecret: Buffer.from(row.blind_secret), text: row.text };
  };
  const setSecrets = (id: string, secret: Buffer, blindSecret: Buffer) => env.database.executeSql('update spotcheck_draws set secret = $2, blind_secret = $3 where id = $1', [id, secret, blindSecret]);
  async function committed() {
    const product = await makeProduct(env, { name: '封存抽取测试产品' });
    const producers = await makeProducers(env, product.id, 3);
    const lot = await makeLot(env, { productId: product.id, planId: (await makePlan(env)).id, batches: 1 });
    return inTransaction(env.db, (tx) => sealedDraws().commit(tx, env.ctx, { purpose: 'sampling', lotId: lot.id, strata: [{ className: '生产企业', keys: producers.map((p) => p.uscc), k: 1 }] }));
  }

  it('are sealed in the row; the reveal opens them and verifies', async () => {
    const { id, record } = await committed();
    const row = await rowOf(id);
    expect([row.secret.length, row.blindSecret.length]).toEqual([64, 64]);
    const revealed = await inTransaction(env.db, (tx) => sealedDraws().reveal(tx, env.ctx, id, '见证：封存'));
    expect(await verifyDrawRecord(revealed.record, { statement: record.commitStatement })).toMatchObject({ ok: true, status: 'revealed' });
    const secret = Buffer.from(revealed.record.secret!, 'hex');
    expect(row.secret.includes(secret.subarray(0, 8))).toBe(false);
    expect(row.text).not.toContain(secret.toString('hex'));
  });

  it('stored plain (committed before sealing) still reveal; sealed under another key they are refused', async () => {
    const plain = await committed();
    const sealed = await rowOf(plain.id);
    await setSecrets(plain.id, env.services.drawSecrets.open(sealed.secret), env.services.drawSecrets.open(sealed.blindSecret));
    const revealed = await inTransaction(env.db, (tx) => sealedDraws().reveal(tx, env.ctx, plain.id, '见证：旧记录'));
    expect(await verifyDrawRecord(revealed.record, { statement: plain.record.commitStatement })).toMatchObject({ ok: true, status: 'revealed' });

    const elsewhere = await committed();
    const other = makeDrawSecrets(randomBytes(32));
    await setSecrets(elsewhere.id, other.seal(randomBytes(32)), other.seal(randomBytes(32)));
    await expect(inTransaction(env.db, (tx) => sealedDraws().reveal(tx, env.ctx, elsewhere.id, '见证'))).rejects.toMatchObject({ code: 'DRAW_SECRET_UNREADABLE' });
    expect((await rowOf(elsewhere.id)).text).toContain('"status":"committed"');
  });

  it('stored plain are sealed by the start-up step, which leaves sealed and foreign values alone; the draw then reveals and verifies', async () => {
    const plain = await committed();
    const sealed = await rowOf(plain.id);
    const [secret, blindSecret] = [env.services.drawSecrets.open(sealed.secret), env.services.drawSecrets.open(sealed.blindSecret)];
    await setSecrets(plain.id, secret, blindSecret);
    const foreign = await committed();
    const other = makeDrawSecrets(randomBytes(32));
    const foreignValues = [other.seal(randomBytes(32)), other.seal(randomBytes(32))] as const;
    await setSecrets(foreign.id, ...foreignValues);

    expect(await sealedDraws().resealLegacySecrets()).toBeGreaterThanOrEqual(1);
    const row = await rowOf(plain.id);
    expect([row.secret.length, row.blindSecret.length]).toEqual([64, 64]);
    expect([env.services.drawSecrets.open(row.secret), env.services.drawSecrets.open(row.blindSecret)]).toEqual([secret, blindSecret]);
    expect([(await rowOf(foreign.id)).secret, (await rowOf(foreign.id)).blindSecret]).toEqual([...foreignValues]);
    expect(await sealedDraws().resealLegacySecrets()).toBe(0);

    const revealed = await inTransaction(env.db, (tx) => sealedDraws().reveal(tx, env.ctx, plain.id, '见证：补封存'));
    expect(revealed.record.secret).toBe(secret.toString('hex'));
    expect(await verifyDrawRecord(revealed.record, { statement: plain.record.commitStatement })).toMatchObject({ ok: true, status: 'revealed' });
  });
});
