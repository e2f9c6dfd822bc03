import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import type { PenaltyType } from '../../cases/index.js';
import { makeCase } from '../../cases/testing.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { enterprises } from '../../enterprises/index.js';
import { creditListings } from '../credit.schema.js';
import { addMonths } from './period.js';
import { repairConditions } from './repair-conditions.js';
import { enterpriseActor, listingAt, staffActor } from './testing-listings.js';
import { listingIn } from './views.js';

/**
 * Issue 20, credit repair (信用修复): the conditions (time listed, penalties paid, no new
 * violation, a commitment) checked and stored on application, each one alone refusing the grant
 * (409 REPAIR_CONDITIONS_NOT_MET naming it), re-checked at the decision; granting removes the listing.
 */
const env = useServiceEnv();
const today = todayInChina();
const repairs = () => env.services.credit.listings.repairs;
const COMMITMENT = '本企业承诺严格遵守产品质量法律法规，建立健全质量管理制度，接受社会监督。';
const STATEMENT = '已全部整改并缴清罚款，申请提前移出';
let officer: Actor;
let head: Actor;

beforeAll(async () => {
  officer = await staffActor(env, ['county_officer'], '320826');
  head = await staffActor(env, ['section_head'], '320800');
});

/**
 * A listing from a decided case (fine 5000 yuan, `paid` paid), listed `monthsAgo` months ago (13 by default).
 */
async function listedFromCase(opts: { monthsAgo?: number; paid?: number } = {}) {
  const enterprise = await makeEnterprise(env);
  const listedOn = addMonths(today, -(opts.monthsAgo ?? 13));
  const c = await makeCase(env, { uscc: enterprise.uscc, enterpriseId: enterprise.id, stage: 'executing', decidedOn: addDays(listedOn, -60), penalties: [{ type: 'fine', amount: 5000 }], amountDue: '5000', amountPaid: String(opts.paid ?? 5000) });
  const { listing } = await listingAt(env, 'listed', { proposer: officer, decider: head, listedOn, enterprise, caseId: c.id });
  return { enterprise, listing, case: c, account: enterpriseActor(enterprise.uscc) };
}

let docSeq = 0;
/** A decision against the enterprise `daysAgo` days ago (5 by default) with `penalties`, its wording and document number. */
function decidedAfterListing(e: { id: string; uscc: string }, penalties: Penalty[], daysAgo = 5) {
  const money = penalties.reduce((s, p) => s + (p.type === 'fine' || p.type === 'confiscation_gains' ? (p.amount ?? 0) : 0), 0);
  const wording = penalties.map((p) => (p.type === 'fine' ? `罚款人民币${p.amount}元` : p.type === 'suspension' ? '责令停产停业' : p.type === 'warning' ? '警告' : p.type)).join('；');
  return makeCase(env, { uscc: e.uscc, enterpriseId: e.id, stage: 'decided', decidedOn: addDays(today, -daysAgo), penalties, penaltyText: wording, amountDue: String(money), documentNo: `涟市监罚〔2026〕${700 + ++docSeq}号` });
}
type Penalty = { type: PenaltyType; amount?: number };

const unmetKeys = (conditions: { key: string; met: boolean }[]) => conditions.filter((c) => !c.met).map((c) => c.key);
const statusOf = async (id: string) => (await env.db.select({ s: creditListings.status }).from(creditListings).where(eq(creditListings.id, id)))[0]!.s;

describe('credit repair conditions', () => {
  it('all met: granted, the listing removed (repaired, today) and the enterprise no longer D; the outcome in its view', async () => {
    const t = await listedFromCase();
    const applied = await repairs().apply({ actor: t.account }, t.listing.id, { statement: STATEMENT, commitment: COMMITMENT });
    expect(applied).toMatchObject({ status: 'pending', statement: STATEMENT, uscc: t.enterprise.uscc });
    expect(applied.conditions.map((c) => [c.key, c.met])).toEqual([['min_time', true], ['penalties_paid', true], ['no_new_violation', true], ['commitment', true]]);
    const granted = await repairs().decide({ actor: head }, applied.id, { grant: true, reason: '符合修复条件' }, [applied.version]);
    expect(granted).toMatchObject({ status: 'granted', decidedByName: head.name, decisionReason: '符合修复条件' });
    const [listing] = await env.db.select().from(creditListings).where(eq(creditListings.id, t.listing.id));
    expect(listing).toMatchObject({ status: 'removed', removalKind: 'repaired', removedOn: today });
    expect((await env.db.select({ c: enterprises.creditClass }).from(enterprises).where(eq(enterprises.id, t.enterprise.id)))[0]!.c).not.toBe('D');
    const mine = await env.services.credit.listings.my(t.account);
    expect(mine.repairs[0]).toMatchObject({ id: applied.id, status: 'granted', decisionReason: '符合修复条件' });
    expect(mine.listings[0]).toMatchObject({ status: 'removed', removalKind: 'repaired' });
  });

  const alone: [string, () => Promise<{ listingId: string; account: Actor; commitment?: string }>][] = [
    [
      'min_time: listed less than rules.repairMinMonths months',
      async () => {
        const t = await listedFromCase({ monthsAgo: 11 });
        return { listingId: t.listing.id, account: t.account };
      },
    ],
    [
      'penalties_paid: the case’s fine not paid in full',
      async () => {
        const t = await listedFromCase({ paid: 1000 });
        return { listingId: t.listing.id, account: t.account };
      },
    ],
    [
      'no_new_violation: a 较重 penalty (a 200,000-yuan fine) decided after listing',
      async () => {
        const t = await listedFromCase();
        await decidedAfterListing(t.enterprise, [{ type: 'fine', amount: 200_000 }]);
        return { listingId: t.listing.id, account: t.account };
      },
    ],
    [
      'commitment: fewer than 20 characters',
      async () => {
        const t = await listedFromCase();
        return { listingId: t.listing.id, account: t.account, commitment: '保证守法经营' };
      },
    ],
  ];

  it.each(alone)('%s — alone refuses the grant (409 REPAIR_CONDITIONS_NOT_MET), nothing changed', async (label, setup) => {
    const key = label.split(':')[0]!;
    const t = await setup();
    const applied = await repairs().apply({ actor: t.account }, t.listingId, { statement: STATEMENT, commitment: t.commitment ?? COMMITMENT });
    expect(unmetKeys(applied.conditions)).toEqual([key]);
    const refused = repairs().decide({ actor: head }, applied.id, { grant: true, reason: '准予' });
    await expect(refused).rejects.toMatchObject({ status: 409, code: 'REPAIR_CONDITIONS_NOT_MET', details: { unmet: [expect.objectContaining({ key, met: false })] } });
    expect(await statusOf(t.listingId)).toBe('listed');
    expect((await repairs().get(head, applied.id)).status).toBe('pending');
  });

  it('a listing without a case has penalties_paid met (无关联案件)', async () => {
    const { enterprise, listing } = await listingAt(env, 'listed', { enterprise: await makeEnterprise(env), proposer: officer, decider: head, listedOn: addMonths(today, -13) });
    const applied = await repairs().apply({ actor: enterpriseActor(enterprise.uscc) }, listing.id, { statement: STATEMENT, commitment: COMMITMENT });
    expect(applied.conditions.find((c) => c.key === 'penalties_paid')).toEqual({ key: 'penalties_paid', met: true, detail: '无关联案件' });
  });

  it('are checked again at the decision: a fine paid after applying lets the grant through', async () => {
    const t = await listedFromCase({ paid: 0 });
    const applied = await repairs().apply({ actor: t.account }, t.listing.id, { statement: STATEMENT, commitment: COMMITMENT });
    expect(unmetKeys(applied.conditions)).toEqual(['penalties_paid']);
    await env.db.execute(sql`update cases set amount_paid = 5000, paid_on = ${today} where id = ${t.case.id}`);
    const granted = await repairs().decide({ actor: head }, applied.id, { grant: true });
    expect(granted.status).toBe('granted');
    expect(unmetKeys(granted.conditions)).toEqual([]);
  });
});

describe('no_new_violation: no new 较重 penalty since listing (serious.ts, shared with the rule serious_penalty)', () => {
  const noNew = (conditions: { key: string; met: boolean; detail: string }[]) => conditions.find((c) => c.key === 'no_new_violation')!;

  it('a warning or a 5,000-yuan fine after listing leaves it met', async () => {
    const t = await listedFromCase();
    await decidedAfterListing(t.enterprise, [{ type: 'warning' }], 20);
    await decidedAfterListing(t.enterprise, [{ type: 'fine', amount: 5000 }]);
    await decidedAfterListing(t.enterprise, [{ type: 'warning' }, { type: 'fine', amount: 99_999 }], 3);
    const applied = await repairs().apply({ actor: t.account }, t.listing.id, { statement: STATEMENT, commitment: COMMITMENT });
    expect(unmetKeys(applied.conditions)).toEqual([]);
    expect(noNew(applied.conditions)).toEqual({ key: 'no_new_violation', met: true, detail: `列入（${t.listing.listedOn}）后无新的较重行政处罚（吊销许可证、责令停产停业，或罚没款 100,000 元以上）` });
    expect((await repairs().decide({ actor: head }, applied.id, { grant: true })).status).toBe('granted');
  });

  it('a 200,000-yuan fine or a suspension (责令停产停业) refuses it, the detail naming the decisions; one before listing does not', async () => {
    const fined = await listedFromCase();
    const fine = await decidedAfterListing(fined.enterprise, [{ type: 'fine', amount: 200_000 }], 10);
    await decidedAfterListing(fined.enterprise, [{ type: 'warning' }], 4);
    await decidedAfterListing(fined.enterprise, [{ type: 'fine', amount: 300_000 }], 500); // before listing (13 months ago)
    const a = await repairs().apply({ actor: fined.account }, fined.listing.id, { statement: STATEMENT, commitment: COMMITMENT });
    expect(noNew(a.conditions)).toEqual({
      key: 'no_new_violation',
      met: false,
      detail: `列入（${fined.listing.listedOn}）后又受到较重行政处罚：${addDays(today, -10)} 行政处罚：罚款人民币200000元（${fine.documentNo}）`,
    });

    const suspended = await listedFromCase();
    const suspension = await decidedAfterListing(suspended.enterprise, [{ type: 'suspension' }, { type: 'warning' }]);
    const b = await repairs().apply({ actor: suspended.account }, suspended.listing.id, { statement: STATEMENT, commitment: COMMITMENT });
    expect(unmetKeys(b.conditions)).toEqual(['no_new_violation']);
    expect(noNew(b.conditions).detail).toBe(`列入（${suspended.listing.listedOn}）后又受到较重行政处罚：${addDays(today, -5)} 行政处罚：责令停产停业；警告（${suspension.documentNo}）`);
    await expect(repairs().decide({ actor: head }, b.id, { grant: true })).rejects.toMatchObject({ status: 409, code: 'REPAIR_CONDITIONS_NOT_MET' });
  });

  it('the threshold is the setting ZJ_CREDIT_SERIOUS_PENALTY_YUAN (fines plus confiscations at least it)', async () => {
    const t = await listedFromCase();
    await decidedAfterListing(t.enterprise, [{ type: 'fine', amount: 5000 }]);
    const row = await listingIn(env.db, head, t.listing.id);
    const at = async (seriousPenaltyYuan: number) => noNew(await repairConditions(env.db, row, COMMITMENT, { repairMinMonths: 12, seriousPenaltyYuan }, today));
    expect(env.config.creditRules.seriousPenaltyYuan).toBe(100_000);
    expect((await at(100_000)).met).toBe(true);
    expect((await at(5001)).met).toBe(true);
    expect(await at(5000)).toMatchObject({ met: false, detail: expect.stringContaining('行政处罚：罚款人民币5000元') });
    expect((await at(1000)).met).toBe(false);
  });
});

describe('credit repair applications', () => {
  it('one pending at a time (409 REPAIR_PENDING); refusing needs a reason and keeps the listing; a decided one is not decided again', async () => {
    const t = await listedFromCase();
    const applied = await repairs().apply({ actor: t.account }, t.listing.id, { statement: STATEMENT, commitment: COMMITMENT });
    await expect(repairs().apply({ actor: t.account }, t.listing.id, { statement: STATEMENT, commitment: COMMITMENT })).rejects.toMatchObject({ status: 409, code: 'REPAIR_PENDING' });
    await expect(repairs().decide({ actor: head }, applied.id, { grant: false, reason: ' ' })).rejects.toMatchObject({ status: 400 });
    const refused = await repairs().decide({ actor: head }, applied.id, { grant: false, reason: '整改情况尚需核实' });
    expect(refused).toMatchObject({ status: 'refused', decisionReason: '整改情况尚需核实' });
    expect(await statusOf(t.listing.id)).toBe('listed');
    await expect(repairs().decide({ actor: head }, applied.id, { grant: true })).rejects.toMatchObject({ status: 409, code: 'REPAIR_DECIDED' });
    expect((await repairs().apply({ actor: t.account }, t.listing.id, { statement: STATEMENT, commitment: COMMITMENT })).status).toBe('pending');
  });

  it('only the enterprise’s own listed listing (another’s 404, not listed 409 NOT_LISTED); staff 403; another county 404', async () => {
    const t = await listedFromCase();
    const stranger = enterpriseActor((await makeEnterprise(env)).uscc);
    await expect(repairs().apply({ actor: stranger }, t.listing.id, { statement: STATEMENT, commitment: COMMITMENT })).rejects.toMatchObject({ status: 404 });
    await expect(repairs().apply({ actor: officer }, t.listing.id, { statement: STATEMENT, commitment: COMMITMENT })).rejects.toMatchObject({ status: 403 });
    const noticed = await listingAt(env, 'noticed', { enterprise: await makeEnterprise(env), proposer: officer });
    await expect(repairs().apply({ actor: enterpriseActor(noticed.enterprise.uscc) }, noticed.listing.id, { statement: STATEMENT, commitment: COMMITMENT })).rejects.toMatchObject({ status: 409, code: 'NOT_LISTED' });
    const applied = await repairs().apply({ actor: t.account }, t.listing.id, { statement: STATEMENT, commitment: COMMITMENT });
    const other = await staffActor(env, ['county_officer'], '320830');
    await expect(repairs().get(other, applied.id)).rejects.toMatchObject({ status: 404 });
    expect((await repairs().list(other, {}, { page: 1, pageSize: 100 })).items.map((r) => r.id)).not.toContain(applied.id);
    expect((await repairs().list(officer, { status: 'pending' }, { page: 1, pageSize: 100 })).items.map((r) => r.id)).toContain(applied.id);
  });
});
