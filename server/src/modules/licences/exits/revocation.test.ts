import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeCase } from '../../cases/testing.js';
import { makeLicence } from '../testing.js';
import { exitInput } from './testing.js';

const env = useServiceEnv();

const exits = () => env.services.licenceExits;
const auditOf = (id: string) => env.db.select({ action: auditEvents.action, after: auditEvents.after }).from(auditEvents).where(eq(auditEvents.targetId, id)).orderBy(asc(auditEvents.id));
const actorOf = async (roles: string[], regionCode: string) => (await env.services.users.loadActor((await env.makeUser({ roles, regionCode })).id))! as Actor;

let seq = 0;
const penalty = (caseId: string, decidedOn = todayInChina()) => ({
  caseId,
  documentNo: `涟市监罚〔2026〕${++seq}号`,
  decidedOn,
  reason: '未按许可条件组织生产，情节严重',
  legalBasis: '《中华人民共和国工业产品生产许可证管理条例》第四十五条',
});

describe('revocation by an administrative penalty decision (cases module)', () => {
  it('tells whether a licence in scope can be revoked (null out of scope)', async () => {
    const licence = await makeLicence(env, { regionCode: '320826' });
    const lianshui = await actorOf(['county_officer'], '320826');
    const other = await actorOf(['county_officer'], '320803');
    expect(await exits().revocable(env.db, lianshui, licence.id)).toMatchObject({ licence: { id: licence.id, uscc: licence.uscc, number: licence.number }, problem: null });
    expect(await exits().revocable(env.db, other, licence.id)).toBeNull();

    const expired = await makeLicence(env, { issuedOn: '2020-01-01', expiresOn: addDays(todayInChina(), -1) });
    expect((await exits().revocable(env.db, env.admin, expired.id))!.problem).toContain('有效期届满');

    // A measure waiting for a section head's approval must be decided first.
    const waiting = await makeLicence(env);
    await env.services.licences.setApprovalRule(env.ctx, 'suspended', true);
    try {
      await env.services.licences.requestTransition(env.ctx, waiting.id, { to: 'suspended', reason: '停产整顿', legalBasis: '条例第四十五条', documentNo: '涟市监〔2026〕1号' });
    } finally {
      await env.services.licences.setApprovalRule(env.ctx, 'suspended', false);
    }
    expect((await exits().revocable(env.db, env.admin, waiting.id))!.problem).toContain('待审批');
    await expect(inTransaction(env.db, (tx) => exits().revokeByPenalty(tx, env.ctx, waiting.id, penalty('00000000-0000-4000-8000-000000000000')))).rejects.toMatchObject({ code: 'TRANSITION_PENDING', status: 409 });
  });

  it('drives the state machine at once (no approval): revoked, in the history and the public revocations with the decision number and date', async () => {
    await env.services.licences.setApprovalRule(env.ctx, 'revoked', true);
    try {
      const licence = await makeLicence(env, { regionCode: '320826' });
      const kase = await makeCase(env, { uscc: licence.uscc, partyName: licence.enterpriseName });
      const decision = penalty(kase.id, addDays(todayInChina(), -2));
      const revoked = await inTransaction(env.db, (tx) => exits().revokeByPenalty(tx, env.ctx, licence.id, decision));
      expect(revoked).toMatchObject({ id: licence.id, state: 'revoked', allowedTargets: [] });

      const { items } = await env.services.licences.timeline(env.admin, licence.id);
      expect(items[0]).toMatchObject({ fromState: 'normal', toState: 'revoked', status: 'applied', documentNo: decision.documentNo, legalBasis: decision.legalBasis, reason: decision.reason, decidedByName: env.admin.name });
      expect(todayInChina(items[0]!.decidedAt!)).toBe(decision.decidedOn);
      expect((await env.services.publicLookup(licence.uscc)).revocations).toEqual([{ typeName: licence.typeName, number: licence.number, kind: 'revoked', decidedOn: decision.decidedOn, documentNo: decision.documentNo }]);
      expect((await auditOf(licence.id)).map((a) => a.action)).toEqual(['licence.created', 'licence.transition', 'licence.revoked_by_penalty']);

      // Once revoked, the licence cannot be revoked again.
      expect((await exits().revocable(env.db, env.admin, licence.id))!.problem).toContain('不能吊销');
      await expect(inTransaction(env.db, (tx) => exits().revokeByPenalty(tx, env.ctx, licence.id, penalty(kase.id)))).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    } finally {
      await env.services.licences.setApprovalRule(env.ctx, 'revoked', false);
    }
  });

  it('closes an exit procedure still open on the licence as revoked by the decision', async () => {
    const licence = await makeLicence(env, { regionCode: '320826' });
    const investigator = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const exit = await exits().open(env.ctx, exitInput('conditions_lost', licence.id, investigator.id));
    const kase = await makeCase(env, { uscc: licence.uscc });
    const decision = penalty(kase.id);
    await inTransaction(env.db, (tx) => exits().revokeByPenalty(tx, env.ctx, licence.id, decision));
    const closed = await exits().get(env.admin, exit.id);
    expect(closed).toMatchObject({ stage: 'closed', outcome: 'revoked', documentNo: decision.documentNo, transitionStatus: 'applied', licence: { state: 'revoked' } });
    expect(closed.decisionReason).toContain(decision.documentNo);
    expect(await env.db.select({ status: todos.status }).from(todos).where(eq(todos.subjectId, exit.id))).toEqual([{ status: 'resolved' }]);
    expect((await auditOf(exit.id)).at(-1)).toMatchObject({ action: 'licence_exit.closed', after: { outcome: 'revoked', caseId: kase.id } });
  });
});
