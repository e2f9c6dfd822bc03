import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/sql.js';
import type { Actor } from '../../platform/access/actor.js';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { useServiceEnv } from '../../test/app.js';
import { CREDIT_EVENT_COLUMNS, creditEventsOf } from '../../test/credit-events.js';
import { CREDIT_EVENTS_SPOTCHECKS } from './index.js';
import { institutionWithAccount, notifiedSample, retestReportOnFile } from './objections/testing-objections.js';

/**
 * The spot checks' credit events (credit/README.md § Event sources): a final conclusion gives one
 * `spotcheck.passed` or `.failed` dated the day it became final (a retest's replaces the first);
 * a follow-up that reached the public notice gives `spotcheck.not_corrected`; no names in titles.
 */
const env = useServiceEnv();
const today = todayInChina();
const svc = () => env.services.spotchecks.objections;

const eventsOf = (uscc: string) => creditEventsOf(env.db, CREDIT_EVENTS_SPOTCHECKS, uscc);

const staff = async (roles: string[], regionCode: string) => {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id)) as Actor;
};

/** Names that must never reach a title: the samplers, the enterprise's signer. */
const PEOPLE = ['抽样员张立群', '抽样员李德胜', '企业签字人赵一鸣'];
const withPeople = {
  samplerNames: PEOPLE.slice(0, 2),
  record: { sampledOn: addDays(today, -20), place: '成品仓库', batchNo: 'P-CE-1', productionDate: null, specification: null, quantitySampled: 4, baseCount: 200, pricePaid: 96, sealNumbers: ['F-1'], enterpriseSigner: PEOPLE[2]!, note: null },
};
const noNames = (title: string) => PEOPLE.forEach((p) => expect(title).not.toContain(p));

describe('spot-check credit events', () => {
  it('has the eight columns in order with their types', async () => {
    const typed = `select ${CREDIT_EVENT_COLUMNS.map(([, type]) => `null::${type}`).join(', ')}`;
    const { rows } = (await env.db.execute(sql.raw(`select * from (${CREDIT_EVENTS_SPOTCHECKS}) e union all ${typed}`))) as unknown as { rows: Record<string, unknown>[] };
    expect(Object.keys(rows.at(-1)!)).toEqual(CREDIT_EVENT_COLUMNS.map(([name]) => name));
  });

  it('nothing until the conclusion is final; the window passed (the daily job records it): one `spotcheck.failed` dated the day after its last day, naming the failing items', async () => {
    const lastDay = addDays(today, -2);
    const s = await notifiedSample(env, { receivedOn: addDays(lastDay, -15), objectionDueOn: lastDay, ...withPeople });
    expect(await eventsOf(s.enterprise.uscc)).toEqual([]);

    await inTransaction(env.db, (tx) => env.services.spotchecks.sampling.finalizeDue(tx, today));
    const rows = await eventsOf(s.enterprise.uscc);
    expect(rows).toEqual([
      {
        uscc: s.enterprise.uscc,
        kind: 'spotcheck.failed',
        occurredOn: addDays(lastDay, 1),
        recordedAt: expect.any(Date),
        refType: 'spotcheck_sample',
        refId: s.sample.id,
        title: `监督抽查不合格：${s.product.name}（${s.sample.sampleNo}，不合格项目：甲醛含量）`,
        magnitude: null,
      },
    ]);
    noNames(rows[0]!.title);
  });

  it('a pass made final gives one `spotcheck.passed`', async () => {
    const s = await notifiedSample(env, { conclusion: 'pass', receivedOn: addDays(today, -30), objectionDueOn: addDays(today, -15) });
    await inTransaction(env.db, (tx) => env.services.spotchecks.sampling.finalizeDue(tx, today));
    expect((await eventsOf(s.enterprise.uscc)).map((r) => [r.kind, r.refId, r.occurredOn, r.title])).toEqual([['spotcheck.passed', s.sample.id, addDays(today, -14), `监督抽查合格：${s.product.name}（${s.sample.sampleNo}）`]]);
  });

  it('a first fail reversed by the retest is `spotcheck.passed` only, dated the retest; an objection refused: failed on the decision day', async () => {
    const officer = await staff(['county_officer'], '320826');
    const head = await staff(['section_head'], '320800');

    const reversed = await notifiedSample(env, withPeople);
    const o = await svc().fileByOfficer({ actor: officer }, reversed.sample.id, { filedOn: today, reason: '甲醛含量检测有误' });
    expect(await eventsOf(reversed.enterprise.uscc)).toEqual([]);
    const retester = await institutionWithAccount(env, reversed.product.code);
    await svc().decide({ actor: head }, o.id, { accept: true, reason: '受理', retestInstitutionId: retester.institution.id });
    expect(await eventsOf(reversed.enterprise.uscc)).toEqual([]);
    await retestReportOnFile(env, reversed.sample.id);
    await svc().retest({ actor: retester.actor }, o.id, { items: [{ item: '甲醛含量', requirement: '≤75 mg/kg', measured: '60 mg/kg', pass: true }], conclusion: 'pass', reportNo: 'FJ-CE-1', retestedOn: today });
    // Not the window's day after (objectionDueOn + 1 lies ahead): the retest's day.
    expect((await eventsOf(reversed.enterprise.uscc)).map((r) => [r.kind, r.occurredOn])).toEqual([['spotcheck.passed', today]]);

    const refused = await notifiedSample(env);
    const o2 = await svc().fileByOfficer({ actor: officer }, refused.sample.id, { filedOn: today, reason: '异议' });
    await svc().decide({ actor: head }, o2.id, { accept: false, reason: '异议理由不成立' });
    expect((await eventsOf(refused.enterprise.uscc)).map((r) => [r.kind, r.occurredOn])).toEqual([['spotcheck.failed', today]]);
  });

  it('a retest confirming the fail names the retest’s failing items', async () => {
    const officer = await staff(['county_officer'], '320826');
    const head = await staff(['section_head'], '320800');
    const s = await notifiedSample(env);
    const o = await svc().fileByOfficer({ actor: officer }, s.sample.id, { filedOn: today, reason: '异议' });
    const retester = await institutionWithAccount(env, s.product.code);
    await svc().decide({ actor: head }, o.id, { accept: true, reason: '受理', retestInstitutionId: retester.institution.id });
    await retestReportOnFile(env, s.sample.id);
    const items = [
      { item: '标识', requirement: 'GB 5296.1', measured: '缺少厂址', pass: false },
      { item: '甲醛含量', requirement: '≤75 mg/kg', measured: '118 mg/kg', pass: false },
    ];
    await svc().retest({ actor: retester.actor }, o.id, { items, conclusion: 'fail', reportNo: 'FJ-CE-2', retestedOn: today });
    const rows = await eventsOf(s.enterprise.uscc);
    expect(rows.map((r) => [r.kind, r.title])).toEqual([['spotcheck.failed', `监督抽查不合格：${s.product.name}（${s.sample.sampleNo}，不合格项目：标识、甲醛含量）`]]);
  });

  it('the follow-up gives `spotcheck.not_corrected` from the public notice on (dated the notice), not before; the title follows its end', async () => {
    const officer = await staff(['county_officer'], '320826');
    const s = await notifiedSample(env, { receivedOn: addDays(today, -40), objectionDueOn: addDays(today, -25), ...withPeople });
    const id = s.sample.id;
    const kinds = async () => (await eventsOf(s.enterprise.uscc)).map((r) => r.kind);
    await svc().followups.act({ actor: officer }, id, { action: 'order', on: addDays(today, -20), note: '限期整改' });
    await svc().followups.act({ actor: officer }, id, { action: 'recheck', on: addDays(today, -10), passed: false, note: '仍不合格' });
    expect(await kinds()).toEqual(['spotcheck.failed']);

    await svc().followups.act({ actor: officer }, id, { action: 'notice', on: addDays(today, -5), note: '逾期未改正公告' });
    const noticed = (await eventsOf(s.enterprise.uscc)).filter((r) => r.kind === 'spotcheck.not_corrected');
    expect(noticed).toHaveLength(1);
    expect(noticed[0]).toMatchObject({ refType: 'spotcheck_followup', occurredOn: addDays(today, -5), magnitude: null, title: `监督抽查不合格经责令整改未整改：${s.product.name}（${s.sample.sampleNo}），已公告` });
    noNames(noticed[0]!.title);
    expect(noticed[0]!.title).not.toContain(officer.name);

    await svc().followups.act({ actor: officer }, id, { action: 'suspend', note: '责令停业整顿' });
    await svc().followups.act({ actor: officer }, id, { action: 'close', note: '整顿期满复查合格' });
    const closed = (await eventsOf(s.enterprise.uscc)).filter((r) => r.kind === 'spotcheck.not_corrected');
    expect(closed.map((r) => [r.occurredOn, r.title])).toEqual([[addDays(today, -5), `监督抽查不合格经责令整改未整改：${s.product.name}（${s.sample.sampleNo}），已责令停业整顿`]]);
  });

  it('a follow-up corrected at the re-check gives no `spotcheck.not_corrected`', async () => {
    const officer = await staff(['county_officer'], '320826');
    const s = await notifiedSample(env, { receivedOn: addDays(today, -40), objectionDueOn: addDays(today, -25) });
    await svc().followups.act({ actor: officer }, s.sample.id, { action: 'order', on: addDays(today, -20) });
    await svc().followups.act({ actor: officer }, s.sample.id, { action: 'recheck', on: addDays(today, -10), passed: true, note: '已整改' });
    await svc().followups.act({ actor: officer }, s.sample.id, { action: 'close', note: '复查合格' });
    expect((await eventsOf(s.enterprise.uscc)).map((r) => r.kind)).toEqual(['spotcheck.failed']);
  });
});
