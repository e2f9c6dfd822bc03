import type { ServiceEnv } from '../../../test/app.js';
import { randomInt } from 'node:crypto';
import { USCC_ALPHABET, completeUscc } from '../../enterprises/index.js';
import type { Conclusion, ItemResult } from '../spotchecks.schema.js';
import { makeInstitution, makeLot, makePlan, makeSample } from '../testing.js';

/*
 * Factories of the publication part's tests: samples with a 抽样单 and results, final or not,
 * written straight to the tables (the factories of ../testing.ts underneath).
 */

let seq = 0;
/** An enterprise registered through the register's service (a random valid USCC in `regionCode`). */
export async function makeSampledEnterprise(env: ServiceEnv, regionCode = '320826', name?: string) {
  let body = '';
  for (let i = 0; i < 8; i++) body += USCC_ALPHABET[randomInt(31)];
  return env.services.enterprises.create(env.ctx, { uscc: completeUscc(`91${regionCode}${body}`), name: name ?? `抽查公告测试企业${++seq}有限公司`, regionCode });
}

const item = (name: string, pass: boolean): ItemResult => ({ item: name, requirement: '符合标准', measured: pass ? '符合' : '不符合', pass });

/**
 * A sample of `productId` at a new enterprise in `regionCode` (default 涟水县), in a new lot of
 * the given year (default this year) and quarter; `final` set: its conclusion is final (failing
 * items `failing` for a fail). Samplers, the price paid and the signer are filled in: the public
 * must never see them.
 */
export async function makeResultSample(
  env: ServiceEnv,
  opts: { productId: string; final: Conclusion | null; failing?: string[]; regionCode?: string; year?: number; quarter?: number; planId?: string; institutionId?: string; enterprise?: { id: string; uscc: string; regionCode: string } },
) {
  const plan = opts.planId ? { id: opts.planId } : await makePlan(env, opts.year ? { year: opts.year } : {});
  const lot = await makeLot(env, { productId: opts.productId, planId: plan.id, ...(opts.year ? { year: opts.year } : {}), ...(opts.quarter ? { quarter: opts.quarter } : {}) });
  const institutionId = opts.institutionId ?? (await makeInstitution(env)).id;
  const enterprise = opts.enterprise ?? (await makeSampledEnterprise(env, opts.regionCode));
  const failing = opts.final === 'fail' ? (opts.failing ?? ['甲醛含量']) : [];
  const sample = await makeSample(env, {
    lotId: lot.id,
    productId: opts.productId,
    institutionId,
    enterprise,
    samplerNames: ['抽样员张三', '抽样员李四'],
    status: opts.final ? 'closed' : 'reported',
    record: {
      sampledOn: '2026-03-02',
      place: '门店货架',
      batchNo: 'B20260301',
      productionDate: '2026-02-15',
      specification: '120cm',
      quantitySampled: 4,
      baseCount: 200,
      pricePaid: 356.78,
      sealNumbers: ['F-0001'],
      enterpriseSigner: '王签字',
      note: null,
    },
    items: [item('标识', true), ...failing.map((f) => item(f, false))],
    conclusion: opts.final ?? 'pass',
    finalConclusion: opts.final,
  });
  return { sample, lot, enterprise, planId: plan.id };
}
