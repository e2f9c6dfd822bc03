import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import type { ServiceEnv } from '../../../test/app.js';
import { spotcheckInstitutions, spotcheckSampleFiles, type spotcheckSamples } from '../spotchecks.schema.js';
import { makeInstitution, makeLot, makePlan, makeProducers, makeProduct, makeSample } from '../testing.js';
import { eq } from 'drizzle-orm';

/*
 * Factories of the objections part's tests: a sample reported and notified, an institution's
 * account, a retest report on file. Rows written straight to the tables.
 */

const ITEMS = [
  { item: '标识', requirement: 'GB 5296.1', measured: '符合', pass: true },
  { item: '甲醛含量', requirement: '≤75 mg/kg', measured: '120 mg/kg', pass: false },
];

/**
 * A sample of a new product at a new enterprise of `regionCode`, tested by a new institution
 * (qualified for the product), reported `conclusion` and notified; received `receivedOn` (default
 * 5 days ago) with the objection window's last day `objectionDueOn` (default in 10 days).
 */
export async function notifiedSample(env: ServiceEnv, opts: { regionCode?: string; conclusion?: 'pass' | 'fail' } & Partial<typeof spotcheckSamples.$inferInsert> = {}) {
  const { regionCode = '320826', conclusion = 'fail', ...over } = opts;
  const today = todayInChina();
  const product = await makeProduct(env);
  const institution = await makeInstitution(env, { cmaScope: [product.code] });
  const plan = await makePlan(env);
  const lot = await makeLot(env, { productId: product.id, planId: plan.id, institutionId: institution.id, status: 'drawn' });
  const [enterprise] = await makeProducers(env, product.id, 1, regionCode);
  const items = conclusion === 'fail' ? ITEMS : ITEMS.map((i) => ({ ...i, measured: '符合', pass: true }));
  const sample = await makeSample(env, {
    lotId: lot.id,
    productId: product.id,
    institutionId: institution.id,
    enterprise: enterprise!,
    status: 'reported',
    items,
    conclusion,
    reportNo: `BG${Date.now()}`,
    reportedOn: addDays(today, -8),
    reportedByName: '检验员',
    noticeNo: `通知${Date.now()}`,
    notifiedOn: addDays(today, -6),
    receivedOn: addDays(today, -5),
    objectionDueOn: addDays(today, 10),
    ...over,
  });
  return { product, institution, plan, lot, enterprise: enterprise!, sample };
}

/** An institution qualified for the product, with an org and an account (role `institution`); returns its actor and user. */
export async function institutionWithAccount(env: ServiceEnv, productCode: string) {
  const inst = await makeInstitution(env, { cmaScope: [productCode] });
  const org = await env.services.jurisdiction.createOrg(env.ctx, { name: `${inst.name}机构`, type: 'institution', regionCode: '320800' });
  await env.db.update(spotcheckInstitutions).set({ orgId: org.id }).where(eq(spotcheckInstitutions.id, inst.id));
  const user = await env.makeUser({ roles: ['institution'], orgId: org.id });
  const actor = (await env.services.users.loadActor(user.id)) as Actor;
  return { institution: { ...inst, orgId: org.id }, user, actor };
}

/** An enterprise account's actor for `uscc` (as sessions load it). */
export const enterpriseActor = (uscc: string, regionCode = '320826'): Actor => ({
  kind: 'user',
  id: crypto.randomUUID(),
  userId: crypto.randomUUID(),
  name: '企业账号',
  orgId: crypto.randomUUID(),
  regionCode,
  roles: ['enterprise'],
  permissions: new Set(['enterprise_self.read', 'enterprise_self.report']),
  dataScope: 'enterprise',
  enterpriseUscc: uscc,
  mustChangePassword: false,
});

/** A retest report on file for the sample (the files route is the sampling part's). */
export async function retestReportOnFile(env: ServiceEnv, sampleId: string) {
  const content = Buffer.from('%PDF-1.4\n%retest\n');
  const [row] = await env.db
    .insert(spotcheckSampleFiles)
    .values({ sampleId, kind: 'retest_report', fileName: '复检报告.pdf', contentType: 'application/pdf', size: content.length, sha256: 'x'.repeat(64), content, uploadedByName: '复检机构' })
    .returning();
  return row!;
}
