import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { spotcheckFollowups, spotcheckObjections, spotcheckSamples } from '../spotchecks.schema.js';
import { makeInstitution, makeProduct } from '../testing.js';
import { SPOTCHECK_RESULT_YEARS, spotcheckResultsOf } from '../index.js';
import { makeResultSample, makeSampledEnterprise } from './testing-publication.js';

/**
 * `spotcheckResultsOf` (the read the cases module's clusters use, exported from the module's
 * index.ts): final samples only, of the enterprises asked about, the last three spot-check years,
 * the standing conclusion's failing items and institution, the follow-up, newest first.
 */
const env = useServiceEnv();
const year = Number(todayInChina().slice(0, 4));

const sampledOn = (id: string, day: string) =>
  env.db
    .update(spotcheckSamples)
    .set({ record: sql`jsonb_set(${spotcheckSamples.record}, '{sampledOn}', to_jsonb(${day}::text))` })
    .where(eq(spotcheckSamples.id, id));

describe('spotcheckResultsOf', () => {
  it('is empty for no enterprise', async () => {
    expect(await spotcheckResultsOf(env.db, [])).toEqual([]);
  });

  it('gives the final samples of the enterprises asked about, three years back, newest first, with the standing result', async () => {
    const p = await makeProduct(env, { name: '凹土干燥剂' });
    const q = await makeProduct(env, { name: '吸附剂' });
    const a = await makeSampledEnterprise(env, '320830');
    const b = await makeSampledEnterprise(env, '320830');
    const other = await makeSampledEnterprise(env, '320830');

    const passed = await makeResultSample(env, { productId: p.id, final: 'pass', enterprise: a, year });
    await sampledOn(passed.sample.id, `${year}-03-02`);
    const failed = await makeResultSample(env, { productId: q.id, final: 'fail', failing: ['吸附率', '标识'], enterprise: a, year });
    await sampledOn(failed.sample.id, `${year}-05-10`);
    await env.db.insert(spotcheckFollowups).values({ sampleId: failed.sample.id, stage: 'ordered', regionCode: '320830', steps: [{ action: 'order', on: `${year}-06-01`, note: '责令整改', byName: '测试' }] });
    // Retested elsewhere: the retest's items and institution stand; noticed as not corrected.
    const retester = await makeInstitution(env, { name: `复检机构${Date.now()}` });
    const retested = await makeResultSample(env, { productId: p.id, final: 'fail', failing: ['标识'], enterprise: b, year: year - 1 });
    await env.db.insert(spotcheckObjections).values({
      sampleId: retested.sample.id,
      filedOn: `${year - 1}-04-01`,
      filedBy: 'enterprise',
      filedByName: '企业',
      reason: '不服',
      status: 'retested',
      retestInstitutionId: retester.id,
      retestItems: [
        { item: '标识', requirement: 'r', measured: 'm', pass: true },
        { item: '含水率', requirement: 'r', measured: 'm', pass: false },
      ],
      retestConclusion: 'fail',
    });
    await env.db.insert(spotcheckFollowups).values({ sampleId: retested.sample.id, stage: 'noticed', regionCode: '320830', steps: [] });
    const oldest = await makeResultSample(env, { productId: p.id, final: 'pass', enterprise: b, year: year - (SPOTCHECK_RESULT_YEARS - 1) });
    // Left out: not final, too old, another enterprise.
    await makeResultSample(env, { productId: p.id, final: null, enterprise: a, year });
    const tooOld = await makeResultSample(env, { productId: p.id, final: 'fail', enterprise: a, year: year - SPOTCHECK_RESULT_YEARS });
    await makeResultSample(env, { productId: p.id, final: 'fail', enterprise: other, year });

    const rows = await spotcheckResultsOf(env.db, [a.uscc, b.uscc, a.uscc]);
    expect(rows.map((r) => r.sampleNo)).toEqual([failed.sample.sampleNo, passed.sample.sampleNo, retested.sample.sampleNo, oldest.sample.sampleNo]);
    expect(rows[0]).toEqual({
      sampleId: failed.sample.id,
      sampleNo: failed.sample.sampleNo,
      year,
      productCode: q.code,
      productName: '吸附剂',
      uscc: a.uscc,
      enterpriseName: a.name,
      sampledOn: `${year}-05-10`,
      finalConclusion: 'fail',
      failingItems: ['吸附率', '标识'],
      institutionName: expect.any(String),
      followupStage: 'ordered',
      followupNoticed: false,
    });
    expect(rows[1]).toMatchObject({ finalConclusion: 'pass', failingItems: [], followupStage: null, followupNoticed: false, sampledOn: `${year}-03-02` });
    expect(rows[2]).toMatchObject({ uscc: b.uscc, year: year - 1, finalConclusion: 'fail', failingItems: ['含水率'], institutionName: retester.name, followupStage: 'noticed', followupNoticed: true });

    // An earlier year asked for: the older sample too.
    const wider = await spotcheckResultsOf(env.db, [a.uscc], { fromYear: year - SPOTCHECK_RESULT_YEARS });
    expect(wider.map((r) => r.sampleNo)).toEqual([failed.sample.sampleNo, passed.sample.sampleNo, tooOld.sample.sampleNo]);
    expect(await spotcheckResultsOf(env.db, [other.uscc], { fromYear: year + 1 })).toEqual([]);
  });

  it('orders samples of one year and day by sample number, and those without a sampling day last', async () => {
    const p = await makeProduct(env);
    const e = await makeSampledEnterprise(env, '320830');
    const first = await makeResultSample(env, { productId: p.id, final: 'pass', enterprise: e, year });
    const second = await makeResultSample(env, { productId: p.id, final: 'pass', enterprise: e, year });
    const undated = await makeResultSample(env, { productId: p.id, final: 'pass', enterprise: e, year });
    await env.db.update(spotcheckSamples).set({ record: null }).where(eq(spotcheckSamples.id, undated.sample.id));
    const rows = await spotcheckResultsOf(env.db, [e.uscc]);
    expect(rows.map((r) => r.sampleNo)).toEqual([second.sample.sampleNo, first.sample.sampleNo, undated.sample.sampleNo]);
    expect(rows[2]!.sampledOn).toBeNull();
  });
});
