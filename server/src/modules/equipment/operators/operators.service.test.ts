import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { equipmentCategories } from '../registry/registry.schema.js';
import { certifiedOperatorRate } from './coverage.js';
import { MASKED_ID_RE, checkIdNumber, maskIdNumber } from '../../../platform/validation/id-number.js';
import { equipmentOperators, operatorWorkItems } from './operators.schema.js';
import { addYears } from './operators.service.js';
import { certificateNo, makeIdNumber, makeOperator, makeOperatorCategory, makeUnit } from '../testing.js';

const env = useServiceEnv();
const ops = () => env.services.equipment.operators;
const today = todayInChina();

describe('ID numbers (GB 11643)', () => {
  it('accepts a valid number (x as X), refuses a wrong length, a wrong check digit or an impossible birth date; masks as 6 + 8 stars + 4', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber('11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber('110105194912310021')).toMatchObject({ ok: false, problem: { field: 'idNumber', code: 'ID_NUMBER_CHECK_DIGIT' } });
    expect(checkIdNumber('1101051949123100')).toMatchObject({ ok: false, problem: { code: 'ID_NUMBER_FORMAT' } });
    const badDate = '3208021990023' + '1123';
    expect(checkIdNumber(badDate + '0')).toMatchObject({ ok: false, problem: { code: 'ID_NUMBER_FORMAT' } });
    expect(maskIdNumber('320802199001011234')).toBe('320802********1234');
    expect(MASKED_ID_RE.test(maskIdNumber('11010519491231002X'))).toBe(true);
    // The message never repeats the number.
    const refused = checkIdNumber('110105194912310021');
    expect(JSON.stringify(refused)).not.toContain('110105194912310021');
  });
});

describe('operators', () => {
  it('keeps the ID number sealed: the raw row and the audit trail hold no readable number, the masked form everywhere else', async () => {
    const { operator, idNumber } = await makeOperator(env);
    expect(operator.idNumber).toBe(maskIdNumber(idNumber));
    expect(operator.idNumber).toMatch(MASKED_ID_RE);
    const result = (await env.db.execute(sql`select * from equipment_operators where id = ${operator.id}`)) as unknown as { rows: Record<string, unknown>[] };
    const raw = result.rows[0];
    expect(raw).toBeDefined();
    const rawText = JSON.stringify(raw);
    expect(rawText).not.toContain(idNumber);
    expect(rawText).not.toContain(idNumber.slice(6, 14)); // not even the birth date
    const [row] = await env.db.select().from(equipmentOperators).where(eq(equipmentOperators.id, operator.id));
    expect(env.services.personal.open(row!.idNumberSealed)).toBe(idNumber);
    const audit = await env.db.select().from(auditEvents).where(eq(auditEvents.targetId, operator.id));
    expect(audit.map((a) => a.action)).toContain('equipment_operator.created');
    expect(JSON.stringify(audit)).not.toContain(idNumber);
  });

  it('refuses the same person twice (409 DUPLICATE), whatever the employer; an invalid number 400 naming the field', async () => {
    const { idNumber } = await makeOperator(env);
    const other = await makeEnterprise(env, { regionCode: '320830' });
    await expect(ops().create(env.ctx, { name: '另一人', idNumber: idNumber.toLowerCase(), employerUscc: other.uscc })).rejects.toMatchObject({ code: 'DUPLICATE', status: 409, details: { field: 'idNumber' } });
    const valid = makeIdNumber();
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    await expect(ops().create(env.ctx, { name: '错号', idNumber: wrongCheck, employerUscc: other.uscc })).rejects.toMatchObject({ status: 400, details: { field: 'idNumber' } });
    await expect(ops().create(env.ctx, { name: '无单位', idNumber: makeIdNumber(), employerUscc: '91320826MA00000000' })).rejects.toMatchObject({ status: 400, details: { field: 'employerUscc' } });
  });

  it('sets a certificate’s expiry to issued + 4 years by default, + the work item’s validity when configured, as given otherwise', async () => {
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    const { operator } = await makeOperator(env, { certificates: [{ workItem: 'N1', certificateNo: certificateNo(), issuedOn: '2023-05-10' }, { workItem: 'Q2', certificateNo: certificateNo(), issuedOn: '2023-05-10', expiresOn: '2025-01-01' }] });
    expect(operator.certificates.map((c) => [c.workItem, c.expiresOn])).toEqual([
      ['Q2', '2025-01-01'],
      ['N1', '2027-05-10'],
    ]);
    const item = await ops().createWorkItem(env.ctx, { code: 'ZT1', name: '测试项目', validityYears: 6 });
    expect(item).toMatchObject({ validityYears: 6, theoryPassMark: 60, practicalPassMark: 60 });
    const added = await ops().addCertificate(env.ctx, operator.id, { workItem: 'ZT1', certificateNo: certificateNo(), issuedOn: '2024-01-15' });
    expect(added.certificates.find((c) => c.workItem === 'ZT1')).toMatchObject({ expiresOn: '2030-01-15', valid: true });
    expect(added.version).toBe(operator.version + 1);
  });

  it('preloads the TSG Z6001-2019 work items with their top category', async () => {
    const items = await env.db.select().from(operatorWorkItems);
    const byCode = Object.fromEntries(items.map((i) => [i.code, i]));
    for (const code of ['A', 'R1', 'R2', 'R3', 'P', 'G1', 'G2', 'G3', 'D', 'T', 'Q1', 'Q2', 'N1', 'N2', 'S1', 'S2', 'Y1', 'Y2']) expect(byCode[code]?.builtin, code).toBe(true);
    expect(byCode.A).toMatchObject({ name: '特种设备安全管理', category: null, validityYears: 4 });
    expect(byCode.G1).toMatchObject({ name: '工业锅炉司炉', category: '1000' });
    expect(byCode.N1).toMatchObject({ name: '叉车司机', category: '5000' });
  });

  it('renews (new dates, same number by default), records review dates, revokes; a revoked certificate is not renewed', async () => {
    const no = certificateNo();
    const { operator } = await makeOperator(env, { certificates: [{ workItem: 'N1', certificateNo: no, issuedOn: '2021-03-01' }] });
    const cert = operator.certificates[0]!;
    expect(cert).toMatchObject({ expiresOn: '2025-03-01', valid: false });
    const renewed = await ops().renewCertificate(env.ctx, operator.id, cert.id, { issuedOn: '2025-02-20' });
    expect(renewed.certificates[0]).toMatchObject({ certificateNo: no, issuedOn: '2025-02-20', expiresOn: '2029-02-20', valid: true });
    const reviewed = await ops().addReviewDate(env.ctx, operator.id, cert.id, '2027-02-20');
    expect(reviewed.certificates[0]!.reviewDates).toEqual(['2027-02-20']);
    const revoked = await ops().revokeCertificate(env.ctx, operator.id, cert.id, { revokedOn: today, reason: '违章作业' });
    expect(revoked.certificates[0]).toMatchObject({ revokedOn: today, valid: false });
    await expect(ops().renewCertificate(env.ctx, operator.id, cert.id, {})).rejects.toMatchObject({ code: 'CERTIFICATE_REVOKED', status: 409 });
    // If-Match: a stale version is refused.
    await expect(ops().update(env.ctx, operator.id, { name: '改名' }, [operator.version])).rejects.toMatchObject({ status: 412 });
  });
});

describe('certified operators of a user unit (持证上岗率)', () => {
  it('counts units in use needing an operator and those covered by a valid certificate of a qualifying work item; null when none needs one', async () => {
    const cat = await makeOperatorCategory(env, 'Z510', ['N1', 'N2']);
    const plain = await makeOperatorCategory(env, 'Z520', []);
    await env.db.update(equipmentCategories).set({ needsOperator: false }).where(eq(equipmentCategories.code, plain));
    const user = await makeEnterprise(env, { regionCode: '320826' });
    const empty = await ops().userUnit(env.admin, user.uscc);
    expect(empty).toMatchObject({ needing: 0, covered: 0, rate: null, units: [] });

    const a = await makeUnit(env, { userUscc: user.uscc, category: cat });
    const b = await makeUnit(env, { userUscc: user.uscc, category: cat });
    await makeUnit(env, { userUscc: user.uscc, category: cat, status: 'suspended' }); // not in use: not counted
    await makeUnit(env, { userUscc: user.uscc, category: plain }); // needs no operator
    expect(await ops().userUnit(env.admin, user.uscc)).toMatchObject({ needing: 2, covered: 0, rate: 0 });

    // A wrong work item, an expired and a revoked certificate do not cover; then a valid N2 covers both units.
    const { operator } = await makeOperator(env, {
      employerUscc: user.uscc,
      certificates: [
        { workItem: 'Q2', certificateNo: certificateNo(), issuedOn: today },
        { workItem: 'N1', certificateNo: certificateNo(), issuedOn: '2015-01-01' },
      ],
    });
    const withN1 = await ops().addCertificate(env.ctx, operator.id, { workItem: 'N1', certificateNo: certificateNo(), issuedOn: today });
    await ops().revokeCertificate(env.ctx, operator.id, withN1.certificates.find((c) => c.workItem === 'N1' && c.valid)!.id, { revokedOn: today, reason: '测试' });
    expect(await ops().userUnit(env.admin, user.uscc)).toMatchObject({ needing: 2, covered: 0, rate: 0 });
    await ops().addCertificate(env.ctx, operator.id, { workItem: 'N2', certificateNo: certificateNo(), issuedOn: today });
    const view = await ops().userUnit(env.admin, user.uscc);
    expect(view).toMatchObject({ needing: 2, covered: 2, rate: 1 });
    expect(view.units.map((u) => u.id).sort()).toEqual([a.id, b.id].sort());

    // An operator of another enterprise does not count for this one.
    const other = await makeEnterprise(env, { regionCode: '320826' });
    await makeUnit(env, { userUscc: other.uscc, category: cat });
    await makeUnit(env, { userUscc: other.uscc, category: cat });
    await makeUnit(env, { userUscc: other.uscc, category: cat });
    const { operator: o2 } = await makeOperator(env, { employerUscc: other.uscc });
    expect(await ops().userUnit(env.admin, other.uscc)).toMatchObject({ needing: 3, covered: 0, rate: 0 });
    await ops().addCertificate(env.ctx, o2.id, { workItem: 'N1', certificateNo: certificateNo(), issuedOn: today });
    expect(await ops().userUnit(env.admin, other.uscc)).toMatchObject({ needing: 3, covered: 3, rate: 1 });

    // The dashboard's rate over both enterprises' units (5 needing, all covered) and the user filter's arithmetic.
    const both = await certifiedOperatorRate(env.db, { where: sql`equipment_units.user_uscc in (${user.uscc}, ${other.uscc})` });
    expect(both).toEqual({ needing: 5, covered: 5, rate: 1 });
    const nowhere = await certifiedOperatorRate(env.db, { regionCode: '320899' });
    expect(nowhere).toEqual({ needing: 0, covered: 0, rate: null });
  });

  it('rate arithmetic: 1 of 3 units covered → 0.3333; lists certificates expiring within 90 days', async () => {
    const cat = await makeOperatorCategory(env, 'Z530', ['G1']);
    const g2 = await makeOperatorCategory(env, 'Z531', ['G2']);
    const user = await makeEnterprise(env, { regionCode: '320826' });
    await makeUnit(env, { userUscc: user.uscc, category: cat });
    await makeUnit(env, { userUscc: user.uscc, category: g2 });
    await makeUnit(env, { userUscc: user.uscc, category: g2 });
    const soon = addDays(today, 30);
    await makeOperator(env, { employerUscc: user.uscc, certificates: [{ workItem: 'G1', certificateNo: certificateNo(), issuedOn: '2023-01-01', expiresOn: soon }] });
    const view = await ops().userUnit(env.admin, user.uscc);
    expect(view).toMatchObject({ needing: 3, covered: 1, rate: 0.3333 });
    expect(view.expiring).toEqual([expect.objectContaining({ workItem: 'G1', expiresOn: soon, daysLeft: 30 })]);
    expect(view.expiring[0]!.idNumber).toMatch(MASKED_ID_RE);
  });
});

describe('exams', () => {
  it('a pass issues the certificate (linked to the session), a later pass renews it; a fail issues nothing; pass rates per session and institution', async () => {
    const institution = await makeEnterprise(env, { regionCode: '320826' });
    const year = Number(today.slice(0, 4));
    const heldOn = `${year}-01-02` <= today ? `${year}-01-02` : today;
    const exams = ops().exams;
    const s1 = await exams.createSession(env.ctx, { heldOn, place: '涟水县考点', institutionUscc: institution.uscc, workItems: ['N1', 'Q2'], trainingHours: 16 });
    const { operator: passer } = await makeOperator(env);
    const { operator: failer } = await makeOperator(env);
    const c1 = await exams.addCandidate(env.ctx, s1.id, { operatorId: passer.id, workItem: 'N1' });
    const c2 = await exams.addCandidate(env.ctx, s1.id, { operatorId: failer.id, workItem: 'N1' });
    await expect(exams.addCandidate(env.ctx, s1.id, { operatorId: failer.id, workItem: 'N1' })).rejects.toMatchObject({ code: 'DUPLICATE' });
    await expect(exams.addCandidate(env.ctx, s1.id, { operatorId: failer.id, workItem: 'G1' })).rejects.toMatchObject({ status: 400 });

    // Theory alone decides nothing; a pass without a certificate number is refused (nothing written).
    expect(await exams.recordResult(env.ctx, s1.id, c1.id, { theoryScore: 80 })).toMatchObject({ passed: null, certificateId: null });
    await expect(exams.recordResult(env.ctx, s1.id, c1.id, { practicalScore: 75 })).rejects.toMatchObject({ status: 400, details: { field: 'certificateNo' } });
    const no = certificateNo();
    const passed = await exams.recordResult(env.ctx, s1.id, c1.id, { practicalScore: 60, certificateNo: no, issuedOn: heldOn });
    expect(passed).toMatchObject({ passed: true, certificateNo: no, expiresOn: addYears(heldOn, 4) });
    const issued = (await ops().get(env.ctx, passer.id)).certificates;
    expect(issued).toEqual([expect.objectContaining({ workItem: 'N1', certificateNo: no, issuedOn: heldOn, expiresOn: addYears(heldOn, 4), examSessionId: s1.id })]);
    await expect(exams.recordResult(env.ctx, s1.id, c1.id, { theoryScore: 10 })).rejects.toMatchObject({ code: 'RESULT_RECORDED' });

    // 59.5 in theory fails (pass mark 60).
    expect(await exams.recordResult(env.ctx, s1.id, c2.id, { theoryScore: 59.5, practicalScore: 90 })).toMatchObject({ passed: false, certificateId: null });
    expect((await ops().get(env.ctx, failer.id)).certificates).toEqual([]);

    // A second session: the passer passes again → the same certificate renewed from today, linked to the new session.
    const other = await makeEnterprise(env, { regionCode: '320826' });
    const s2 = await exams.createSession(env.ctx, { heldOn: today, place: '淮安市考点', institutionUscc: other.uscc, workItems: ['N1'] });
    const c3 = await exams.addCandidate(env.ctx, s2.id, { operatorId: passer.id, workItem: 'N1' });
    const c4 = await exams.addCandidate(env.ctx, s2.id, { operatorId: failer.id, workItem: 'N1' });
    const renewed = await exams.recordResult(env.ctx, s2.id, c3.id, { theoryScore: 90, practicalScore: 90 });
    expect(renewed).toMatchObject({ passed: true, certificateId: issued[0]!.id, certificateNo: no, expiresOn: addYears(today, 4) });
    const after = (await ops().get(env.ctx, passer.id)).certificates;
    expect(after).toEqual([expect.objectContaining({ id: issued[0]!.id, issuedOn: today, expiresOn: addYears(today, 4), examSessionId: s2.id })]);
    // The failer passes now: a new certificate.
    const fresh = certificateNo();
    expect(await exams.recordResult(env.ctx, s2.id, c4.id, { theoryScore: 60, practicalScore: 60, certificateNo: fresh })).toMatchObject({ passed: true, certificateNo: fresh });

    // Pass rates: s1 1 of 2, s2 2 of 2; by institution the same (one session each); a work item with a higher pass mark.
    const stats = await exams.stats(env.admin, year);
    const mine = stats.sessions.filter((s) => s.sessionId === s1.id || s.sessionId === s2.id);
    expect(mine).toEqual([
      expect.objectContaining({ sessionId: s1.id, candidates: 2, decided: 2, passed: 1, passRate: 0.5 }),
      expect.objectContaining({ sessionId: s2.id, candidates: 2, decided: 2, passed: 2, passRate: 1 }),
    ]);
    expect(stats.institutions.find((i) => i.institutionUscc === institution.uscc)).toMatchObject({ sessions: 1, candidates: 2, passed: 1, passRate: 0.5 });
    expect(stats.institutions.find((i) => i.institutionUscc === other.uscc)).toMatchObject({ sessions: 1, passed: 2, passRate: 1 });
    expect((await exams.getSession(env.admin, s1.id)).passRate).toBe(0.5);
    const empty = await exams.stats(env.admin, 2001);
    expect(empty.total).toEqual({ candidates: 0, decided: 0, passed: 0, passRate: null });

    // A configured pass mark: practical 70 for ZT2.
    await ops().createWorkItem(env.ctx, { code: 'ZT2', name: '测试项目二', practicalPassMark: 70 });
    const s3 = await exams.createSession(env.ctx, { heldOn: today, place: '考点', institutionUscc: other.uscc, workItems: ['ZT2'] });
    const c5 = await exams.addCandidate(env.ctx, s3.id, { operatorId: failer.id, workItem: 'ZT2' });
    expect(await exams.recordResult(env.ctx, s3.id, c5.id, { theoryScore: 100, practicalScore: 69.9 })).toMatchObject({ passed: false });

    // Every step is audited.
    const actions = (await env.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, s1.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['operator_exam_session.created', 'operator_exam_candidate.added', 'operator_exam_candidate.result']));
  });
});
