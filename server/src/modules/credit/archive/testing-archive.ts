import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import type { ServiceEnv } from '../../../test/app.js';
import { creditClassHistory, creditListingEvents, creditOverrides } from '../credit.schema.js';
import { listEnterprise, rateEnterprise, scoreNow } from '../testing.js';

/** The reporter of the archive's complaint: none of these may appear anywhere in the archive or its reports. */
export const REPORTER = { name: '郑晓明', phone: '13912344321', nameMasked: '郑*', phoneMasked: '139****4321', description: '举报人郑晓明亲眼看见仓库存放假冒电线' };

/**
 * The other modules' test factories (`makeEnterprise`, `makeCase`, `makeComplaint` of their
 * testing.ts), passed in by the test files: only tests and a module's own testing.ts may import them.
 */
export interface OtherFactories {
  makeEnterprise(env: ServiceEnv, input: { regionCode: string; legalRepresentative: string; address: string }): Promise<{ id: string; uscc: string; name: string; regionCode: string }>;
  makeCase(env: ServiceEnv, input: { uscc: string; regionCode: string; stage: 'decided'; decidedOn: string; documentNo: string; penaltyText: string; amountDue: string }): Promise<{ id: string }>;
  makeComplaint(env: ServiceEnv, input: Record<string, unknown>): Promise<{ id: string }>;
}

const noon = (day: string) => new Date(`${day}T04:00:00Z`);

/**
 * An enterprise (in `regionCode`, default 320826) with a history on every side of its archive, on
 * days counted back from today: a penalty (20,000 yuan, 100 days ago), a substantiated report
 * naming its reporter (10 days ago) and a complaint closed otherwise (40 days ago), class changes
 * (two on day −10, one on day −40), an override made on day −40 and ended on day −10, a listing
 * proposed on day −40 and listed on day −10, and an evaluator's AA rating in force (day −30).
 * Scored before, so reading its credit writes nothing.
 */
export async function makeArchiveEnterprise(env: ServiceEnv, { makeEnterprise, makeCase, makeComplaint }: OtherFactories, opts: { regionCode?: string } = {}) {
  const today = todayInChina();
  const d = (n: number) => addDays(today, -n);
  const e = await makeEnterprise(env, { regionCode: opts.regionCode ?? '320826', legalRepresentative: '钱法人', address: '淮安市测试路1号' });
  // Scored first (as the nightly run would have), its first class change replaced by the history below.
  await scoreNow(env, [e.id]);
  await env.db.delete(creditClassHistory).where(eq(creditClassHistory.enterpriseId, e.id));
  const penalty = await makeCase(env, {
    uscc: e.uscc,
    regionCode: e.regionCode,
    stage: 'decided',
    decidedOn: d(100),
    documentNo: `淮市监罚〔${today.slice(0, 4)}〕T${randomInt(1e9)}号`,
    penaltyText: '罚款2万元',
    amountDue: '20000.00',
  });
  const report = await makeComplaint(env, {
    regionCode: e.regionCode,
    subjectUscc: e.uscc,
    subjectName: e.name,
    subjectEnterpriseId: e.id,
    anonymous: false,
    reporterNameSealed: REPORTER.name,
    reporterPhoneSealed: REPORTER.phone,
    reporterNameMasked: REPORTER.nameMasked,
    reporterPhoneMasked: REPORTER.phoneMasked,
    description: REPORTER.description,
    status: 'closed',
    substantiated: true,
    decidedOn: d(10),
    closedAt: noon(d(10)),
  });
  const other = await makeComplaint(env, { kind: 'complaint', regionCode: e.regionCode, subjectUscc: e.uscc, subjectName: e.name, status: 'closed', substantiated: false, closedAt: noon(d(40)) });
  const history = await env.db
    .insert(creditClassHistory)
    .values([
      { enterpriseId: e.id, uscc: e.uscc, regionCode: e.regionCode, fromClass: null, toClass: 'B', score: 80, modelVersion: 1, cause: 'score', at: noon(d(40)) },
      { enterpriseId: e.id, uscc: e.uscc, regionCode: e.regionCode, fromClass: 'B', toClass: 'C', score: 65, modelVersion: 1, cause: 'score', at: noon(d(10)) },
      { enterpriseId: e.id, uscc: e.uscc, regionCode: e.regionCode, fromClass: 'C', toClass: 'D', score: 65, modelVersion: 1, cause: 'listed', at: new Date(noon(d(10)).getTime() + 60_000) },
    ])
    .returning();
  const [override] = await env.db
    .insert(creditOverrides)
    .values({ enterpriseId: e.id, uscc: e.uscc, regionCode: e.regionCode, class: 'C', reason: '近期多次抽查不合格', until: d(-200), createdByName: '孙科长', createdAt: noon(d(40)), endedAt: noon(d(10)), endedByName: '孙科长', endReason: '列入失信名单' })
    .returning();
  const listing = await listEnterprise(env, e, { listedOn: d(10) });
  await env.db.insert(creditListingEvents).values([
    { listingId: listing.id, at: noon(d(40)), actorName: '李科员', action: 'proposed', toStatus: 'proposed' },
    { listingId: listing.id, at: noon(d(10)), actorName: '孙科长', action: 'listed', fromStatus: 'noticed', toStatus: 'listed', note: '经集体讨论决定列入' },
  ]);
  const rating = await rateEnterprise(env, e, { grade: 'AA', ratedOn: d(30) });
  return { e, penalty, report, other, history, override: override!, listing, rating, days: { d10: d(10), d40: d(40), d100: d(100) } };
}
