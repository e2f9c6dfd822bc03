import { sql } from 'drizzle-orm';
import type { ServiceEnv } from '../../test/app.js';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { makeEnterprise } from '../enterprises/testing.js';
import { spotcheckInstitutions, spotcheckLots, spotcheckPlans, spotcheckProducers, spotcheckProducts, spotcheckSamples } from './spotchecks.schema.js';

/*
 * Test factories of the spot-check module: rows written straight to the tables, no audit, no
 * to-do. Tests of the rules go through the services.
 */

let seq = 0;
const next = () => ++seq;

/** A product of the catalogue (日用消费品, impact 3, 2,000 yuan a batch, two test items) unless told otherwise. */
export async function makeProduct(env: ServiceEnv, input: Partial<typeof spotcheckProducts.$inferInsert> = {}) {
  const n = next();
  const [row] = await env.db
    .insert(spotcheckProducts)
    .values({
      code: `T-${Date.now().toString(36).toUpperCase()}-${n}`,
      name: `测试产品${n}`,
      category: 'daily_consumer',
      impact: 3,
      batchCost: 2000,
      testItems: [
        { name: '标识', requirement: 'GB 5296.1', method: '目测' },
        { name: '甲醛含量', requirement: '≤75 mg/kg', method: 'GB/T 2912.1' },
      ],
      standards: ['GB 18401-2010'],
      sampleSize: 4,
      sampleUnit: '件',
      ...input,
    })
    .returning();
  return row!;
}

/** Registers `count` enterprises in `regionCode` as producers of the product; returns them. */
export async function makeProducers(env: ServiceEnv, productId: string, count: number, regionCode = '320826') {
  const made = [];
  for (let i = 0; i < count; i++) {
    const e = await makeEnterprise(env, { regionCode });
    await env.db.insert(spotcheckProducers).values({ productId, enterpriseId: e.id, source: 'register', addedByName: '测试' });
    made.push(e);
  }
  return made;
}

/** A testing institution, inside the city, qualified for the given product codes until next year, unless told otherwise. */
export async function makeInstitution(env: ServiceEnv, input: Partial<typeof spotcheckInstitutions.$inferInsert> = {}) {
  const n = next();
  const [row] = await env.db
    .insert(spotcheckInstitutions)
    .values({ name: `测试检验机构${n}`, local: true, cmaNo: `CMA${n}`, cmaScope: [], cmaValidUntil: addDays(todayInChina(), 365), capacity: 50, price: 1800, ...input })
    .returning();
  return row!;
}

/** A plan (annual, this year, approved) at the city bureau unless told otherwise. */
export async function makePlan(env: ServiceEnv, input: Partial<typeof spotcheckPlans.$inferInsert> = {}) {
  const city = await env.orgIn('320800');
  const [row] = await env.db
    .insert(spotcheckPlans)
    .values({
      kind: 'special',
      year: Number(todayInChina().slice(0, 4)),
      name: `测试抽查计划${next()}`,
      status: 'approved',
      budget: 1_000_000,
      passRateRule: { mode: 'skip' },
      scoreWeights: { price: 40, capability: 30, record: 20, locality: 10 },
      regionCode: '320800',
      orgId: city.id,
      createdByName: '测试',
      ...input,
    })
    .returning();
  return row!;
}

/** A lot of a plan for a product (this quarter, 3 batches, open), due in 60 days, unless told otherwise. */
export async function makeLot(env: ServiceEnv, input: Partial<typeof spotcheckLots.$inferInsert> & { productId: string; planId: string }) {
  const today = todayInChina();
  const [row] = await env.db
    .insert(spotcheckLots)
    .values({ lotNo: `CJT-${Date.now().toString(36)}-${next()}`, year: Number(today.slice(0, 4)), quarter: Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1, batches: 3, dueOn: addDays(today, 60), ...input })
    .returning();
  return row!;
}

/** A sample of a lot at an enterprise (status `assigned`, two samplers by name only), unless told otherwise. */
export async function makeSample(env: ServiceEnv, input: Partial<typeof spotcheckSamples.$inferInsert> & { lotId: string; productId: string; institutionId: string; enterprise: { id: string; uscc: string; regionCode: string } }) {
  const { enterprise, ...rest } = input;
  const { rows } = (await env.db.execute(sql`select nextval('spotcheck_sample_no_seq')::int as n`)) as unknown as { rows: { n: number }[] };
  const [row] = await env.db
    .insert(spotcheckSamples)
    .values({
      sampleNo: `CY${todayInChina().slice(0, 4)}${String(rows[0]!.n).padStart(5, '0')}`,
      enterpriseId: enterprise.id,
      uscc: enterprise.uscc,
      regionCode: enterprise.regionCode,
      samplerIds: [],
      samplerNames: ['抽样员甲', '抽样员乙'],
      dueOn: addDays(todayInChina(), 30),
      ...rest,
    })
    .returning();
  return row!;
}
