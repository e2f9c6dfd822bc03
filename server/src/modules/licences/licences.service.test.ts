import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { useServiceEnv } from '../../test/app.js';
import { makeEnterprise, randomUscc } from '../enterprises/testing.js';
import { defaultExpiry } from './licence-fields.js';
import { LICENCE_STATES, type LicenceState, TRANSITION_TARGETS, type TransitionTarget } from './states.js';
import { makeLicence } from './testing.js';

const env = useServiceEnv();

/** The code with another final check character. */
const wrongCheckDigit = (uscc: string) => uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');

let seq = 0;
const measure = (to: TransitionTarget, extra: Partial<{ reviewOn: string; deadlineWorkingDays: number }> = {}) => ({
  to,
  reason: '其他许可审批部门反馈',
  legalBasis: '《工业产品生产许可证管理条例》',
  documentNo: `淮市监决〔2026〕${++seq}号`,
  ...(to === 'warning' ? { reviewOn: addDays(todayInChina(), 30) } : {}),
  ...(to === 'changeOrdered' ? { deadlineWorkingDays: 10 } : {}),
  ...extra,
});

const apply = (id: string, to: TransitionTarget, actor: Actor = env.admin) => env.services.licences.requestTransition({ actor }, id, measure(to));

/** A licence in the given state, reached by the shortest path. */
async function licenceIn(state: LicenceState) {
  if (state === 'expired') {
    const l = await makeLicence(env, { issuedOn: '2015-01-01', expiresOn: '2020-01-01' });
    await env.services.licences.expire({ actor: null }, todayInChina());
    return l;
  }
  const l = await makeLicence(env);
  if (state !== 'normal') await apply(l.id, state);
  return l;
}

// The table, written out independently of states.ts.
const ALLOWED: Record<LicenceState, TransitionTarget[]> = {
  normal: ['warning', 'changeOrdered', 'suspended', 'revoked', 'cancelled', 'withdrawn'],
  warning: ['normal', 'changeOrdered', 'suspended', 'revoked', 'cancelled'],
  changeOrdered: ['normal', 'warning', 'suspended', 'revoked', 'cancelled'],
  suspended: ['normal', 'revoked', 'cancelled'],
  revoked: [],
  cancelled: [],
  withdrawn: [],
  expired: [],
};

describe('issuing a licence', () => {
  it('starts in normal supervision and takes the type’s default validity when no expiry is given', async () => {
    const l = await makeLicence(env, { issuedOn: '2024-03-01' });
    expect(l).toMatchObject({ state: 'normal', expiresOn: '2029-02-28', typeName: '工业产品生产许可证', regionCode: '320826' });
    expect(defaultExpiry('2024-02-29', 4)).toBe('2028-02-28');
    expect((await makeLicence(env, { type: 'se_use_registration' })).expiresOn).toBeNull();
  });

  it('rejects a number already used for the same type, a historic type, an unknown enterprise and an expiry before the issue date', async () => {
    const l = await makeLicence(env);
    const enterprise = await makeEnterprise(env);
    const base = { uscc: enterprise.uscc, type: 'industrial_product', number: l.number, issuedOn: '2024-01-01', issuer: '江苏省市场监督管理局' };
    await expect(env.services.licences.create(env.ctx, base)).rejects.toMatchObject({ code: 'DUPLICATE', status: 409 });
    await expect(env.services.licences.create(env.ctx, { ...base, type: 'cma' })).resolves.toMatchObject({ number: l.number });
    await expect(env.services.licences.create(env.ctx, { ...base, number: 'H-1', type: 'metrology_manufacture_historic' })).rejects.toMatchObject({ code: 'LICENCE_TYPE_HISTORIC' });
    await expect(env.services.licences.create(env.ctx, { ...base, number: 'U-1', type: 'no_such_type' })).rejects.toMatchObject({ code: 'LICENCE_TYPE_UNKNOWN' });
    await expect(env.services.licences.create(env.ctx, { ...base, number: 'E-1', uscc: randomUscc() })).rejects.toMatchObject({ code: 'ENTERPRISE_UNKNOWN' });
    await expect(env.services.licences.create(env.ctx, { ...base, number: 'E-2', uscc: wrongCheckDigit(randomUscc()) })).rejects.toMatchObject({ code: 'USCC_CHECK_DIGIT' });
    await expect(env.services.licences.create(env.ctx, { ...base, number: 'E-3', uscc: '91320826' })).rejects.toMatchObject({ code: 'USCC_FORMAT' });
    await expect(env.services.licences.create(env.ctx, { ...base, number: 'D-1', expiresOn: '2023-12-31' })).rejects.toMatchObject({ code: 'EXPIRY_BEFORE_ISSUE' });
  });
});

describe('measures on a licence holder (the state machine)', () => {
  it('allows exactly the transitions of the issue and rejects every other with INVALID_TRANSITION, changing nothing', async () => {
    for (const from of LICENCE_STATES) {
      for (const to of TRANSITION_TARGETS) {
        const l = await licenceIn(from);
        const before = await env.services.licences.timeline(env.admin, l.id);
        const attempt = apply(l.id, to);
        if (ALLOWED[from].includes(to)) {
          await expect(attempt, `${from} → ${to}`).resolves.toMatchObject({ pending: false, licence: { state: to } });
        } else {
          await expect(attempt, `${from} → ${to}`).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
          expect((await env.services.licences.get(env.admin, l.id)).state).toBe(from);
          expect((await env.services.licences.timeline(env.admin, l.id)).total).toBe(before.total);
        }
      }
    }
  });

  it('needs a review date for warning and a deadline in working days for a change order, counted on the calendar', async () => {
    const l = await makeLicence(env);
    await expect(env.services.licences.requestTransition(env.ctx, l.id, { ...measure('warning'), reviewOn: undefined })).rejects.toMatchObject({ code: 'INVALID_DATE' });
    await expect(env.services.licences.requestTransition(env.ctx, l.id, { ...measure('changeOrdered'), deadlineWorkingDays: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(env.services.licences.requestTransition(env.ctx, l.id, { ...measure('revoked'), reason: '  ' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const result = await env.services.licences.requestTransition(env.ctx, l.id, measure('changeOrdered', { deadlineWorkingDays: 15 }));
    const expected = await env.services.calendar.addWorkingDays(todayInChina(), 15);
    expect(result).toMatchObject({ pending: false, licence: { state: 'changeOrdered', changeDeadline: expected.date } });
    const [entry] = (await env.services.licences.timeline(env.admin, l.id)).items;
    expect(entry).toMatchObject({ fromState: 'normal', toState: 'changeOrdered', deadlineWorkingDays: 15, deadlineOn: expected.date, status: 'applied' });
  });

  it('holds a measure that needs approval as pending until another user with licence.approve decides', async () => {
    const officer = (await env.services.users.loadActor((await env.makeUser({ roles: ['city_officer'] })).id))!;
    // The head sits in the section owning the type: the request waiting for approval is on their to-do list.
    const section = (await env.services.licenceTypes.list()).items.find((t) => t.key === 'industrial_product')!.sectionId!;
    const head = (await env.services.users.loadActor((await env.makeUser({ roles: ['section_head'], orgId: section })).id))!;
    const awaiting = async (licenceId: string) => (await env.services.todos.list(head, { page: 1, pageSize: 500 })).items.filter((t) => t.subjectId === licenceId).map((t) => t.kind);
    await env.services.licences.setApprovalRule(env.ctx, 'revoked', true);
    try {
      const l = await makeLicence(env);
      const asked = await apply(l.id, 'revoked', officer);
      expect(asked).toMatchObject({ pending: true, request: { status: 'pending', toState: 'revoked' } });
      expect((await env.services.licences.get(officer, l.id)).state).toBe('normal');
      await expect(apply(l.id, 'warning', officer)).rejects.toMatchObject({ code: 'TRANSITION_PENDING' });
      expect(await awaiting(l.id)).toEqual(['licence.approval_pending']);
      const requestId = asked.pending ? asked.request.id : '';
      await expect(env.services.licences.decide({ actor: officer }, l.id, requestId, { approve: true })).rejects.toMatchObject({ status: 403 });
      await expect(env.services.licences.decide({ actor: head }, l.id, requestId, { approve: false })).rejects.toMatchObject({ code: 'VALIDATION' });
      expect(await env.services.licences.decide({ actor: head }, l.id, requestId, { approve: true })).toMatchObject({ state: 'revoked' });
      await expect(env.services.licences.decide({ actor: head }, l.id, requestId, { approve: true })).rejects.toMatchObject({ code: 'NOT_PENDING' });
      expect(await awaiting(l.id)).toEqual([]);

      const other = await makeLicence(env);
      const second = await apply(other.id, 'revoked', officer);
      const rejected = await env.services.licences.decide({ actor: head }, other.id, second.pending ? second.request.id : '', { approve: false, note: '证据不足' });
      expect(rejected.state).toBe('normal');
      expect((await env.services.licences.timeline(head, other.id)).items[0]).toMatchObject({ status: 'rejected', decisionNote: '证据不足', decidedByName: head.name });
    } finally {
      await env.services.licences.setApprovalRule(env.ctx, 'revoked', false);
    }
  });

  it('moves licences past their validity to expired, once, and nothing leaves expired', async () => {
    const l = await makeLicence(env, { issuedOn: '2016-05-01', expiresOn: '2021-04-30' });
    await env.services.licences.expire({ actor: null }, '2021-04-30');
    expect((await env.services.licences.get(env.admin, l.id)).state).toBe('normal');
    await env.services.licences.expire({ actor: null }, '2021-05-01');
    expect((await env.services.licences.get(env.admin, l.id)).state).toBe('expired');
    expect((await env.services.licences.timeline(env.admin, l.id)).items[0]).toMatchObject({ fromState: 'normal', toState: 'expired', requestedByName: 'system' });
  });
});

describe('data scope', () => {
  it('lets a county officer see and act only on licences of its own county', async () => {
    const county = (await env.services.users.loadActor((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).id))!;
    const own = await makeLicence(env, { regionCode: '320826' });
    const foreign = await makeLicence(env, { regionCode: '320830' });
    expect((await env.services.licences.get(county, own.id)).id).toBe(own.id);
    await expect(env.services.licences.get(county, foreign.id)).rejects.toMatchObject({ status: 404 });
    await expect(apply(foreign.id, 'warning', county)).rejects.toMatchObject({ status: 404 });
    expect((await env.services.licences.get(env.admin, foreign.id)).state).toBe('normal');
    const { items } = await env.services.licences.list(county, {}, { page: 1, pageSize: 500 });
    expect(items.every((i) => i.regionCode === '320826')).toBe(true);
    const enterprise = await makeEnterprise(env, { regionCode: '320830' });
    await expect(
      env.services.licences.create({ actor: county }, { uscc: enterprise.uscc, type: 'cma', number: 'S-1', issuedOn: '2024-01-01', issuer: '江苏省市场监督管理局' }),
    ).rejects.toMatchObject({ code: 'ENTERPRISE_UNKNOWN' });
  });
});
