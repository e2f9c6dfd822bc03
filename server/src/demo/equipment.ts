import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import { enterprises } from '../modules/enterprises/enterprises.schema.js';
import { equipmentHazards, equipmentSelfInspections } from '../modules/equipment/hazards/hazards.schema.js';
import { equipmentDueRules, equipmentInspections } from '../modules/equipment/periodic/periodic.schema.js';
import { equipmentUnits } from '../modules/equipment/registry/registry.schema.js';
import { addDays } from '../platform/calendar/dates.js';
import { users } from '../platform/users/users.schema.js';
import type { DemoAccount } from './accounts.js';
import { type DemoDueRule, type DemoUnit, type UnitUser, generateUnits } from './equipment-generator.js';
import { loadNoticeDemo } from './equipment-notice.js';
import { type OperatorsDemoSummary, loadOperatorsDemo } from './equipment-operators.js';
import { type Rng, makeRng } from './random.js';

/** Units of special equipment the demo registers (ZJ_DEMO_EQUIPMENT). */
export const DEMO_EQUIPMENT_UNITS = 20_000;
/** Units each demo enterprise account (企业端) gets, one of them overdue. */
export const ACCOUNT_UNITS = 6;
/** Who the bulk records name as their author. */
export const DEMO_AUTHOR = '演示数据';
/** Rows per multi-row INSERT (units: 16 columns → 16,000 parameters). */
const BATCH = 1000;

export interface EquipmentDemoSummary {
  units: number;
  byCategory: Record<string, number>;
  inspections: number;
  overdue: number;
  failedInUse: number;
  selfInspections: number;
  hazards: number;
  /** Operators (作业人员), their certificates, the exam session. */
  operators: OperatorsDemoSummary;
  /** The 暗访通报: notices, the hazards they list, those still open. */
  notice: { notices: number; hazards: number; open: number };
  /** User units per tier after the recompute. */
  tiers: Record<string, number>;
}

/** The user units the demo gives equipment to: active and suspended enterprises of the register, by USCC. */
async function unitUsers(tx: Db): Promise<UnitUser[]> {
  return tx
    .select({ uscc: enterprises.uscc, regionCode: enterprises.regionCode, address: sql<string>`coalesce(${enterprises.address}, '')`, industryCode: enterprises.industryCode })
    .from(enterprises)
    .where(inArray(enterprises.status, ['active', 'suspended']))
    .orderBy(asc(enterprises.uscc));
}

/**
 * Units for one demo enterprise account: `n` units in use, the first of them overdue (generated
 * from the account's own seed until one overdue and n − 1 others in use come up).
 */
function accountUnits(seed: number, user: UnitUser, n: number, opts: { today: string; rules: readonly DemoDueRule[]; startIndex: number }): DemoUnit[] {
  const out: DemoUnit[] = [];
  const overdue = generateUnits({ seed, count: 200, users: [user], today: opts.today, rules: opts.rules, startIndex: opts.startIndex, overdueShare: 1 });
  for (const u of overdue) if (u.status === 'in_use' && u.nextInspectionDue !== null && u.nextInspectionDue < opts.today && u.lastConclusion !== 'fail') { out.push(u); break; }
  const others = generateUnits({ seed: seed + 1, count: 400, users: [user], today: opts.today, rules: opts.rules, startIndex: opts.startIndex + 200, overdueShare: 0 });
  for (const u of others) {
    if (out.length >= n) break;
    if (u.status === 'in_use' && u.nextInspectionDue !== null && u.nextInspectionDue >= opts.today && u.lastConclusion !== 'fail') out.push(u);
  }
  return out;
}

/**
 * Inserts units and their inspections by multi-row INSERTs (bulk demo data, as the enterprises are:
 * no per-unit audit; the demo's one `demo.loaded` event covers them), then a `registered` event
 * per unit and a `transition` event for those no longer in use.
 */
async function insertUnits(tx: Db, units: Iterable<DemoUnit>, today: string, summary: EquipmentDemoSummary): Promise<{ id: string; unit: DemoUnit }[]> {
  const kept: { id: string; unit: DemoUnit }[] = [];
  let batch: DemoUnit[] = [];
  const flush = async () => {
    const rows = await tx
      .insert(equipmentUnits)
      .values(batch.map(({ inspections: _inspections, ...u }) => ({ ...u, createdByName: DEMO_AUTHOR })))
      .returning({ id: equipmentUnits.id });
    const inspections = batch.flatMap((u, i) => u.inspections.map((x) => ({ ...x, equipmentId: rows[i]!.id, recordedByName: DEMO_AUTHOR })));
    for (let i = 0; i < inspections.length; i += BATCH * 4) await tx.insert(equipmentInspections).values(inspections.slice(i, i + BATCH * 4));
    for (const [i, u] of batch.entries()) {
      kept.push({ id: rows[i]!.id, unit: u });
      summary.units++;
      summary.byCategory[u.category] = (summary.byCategory[u.category] ?? 0) + 1;
      summary.inspections += u.inspections.length;
      if (u.status === 'in_use' && u.nextInspectionDue !== null && u.nextInspectionDue < today) summary.overdue++;
      if (u.status === 'in_use' && u.lastConclusion === 'fail') summary.failedInUse++;
    }
    batch = [];
  };
  for (const u of units) {
    batch.push(u);
    if (batch.length === BATCH) await flush();
  }
  if (batch.length) await flush();
  return kept;
}

const SELF_FINDINGS: Record<string, readonly string[]> = {
  '1000': ['锅炉水质化验记录不全', '安全阀校验超期', '压力表未按期检定', '水位计玻璃管模糊不清'],
  '2000': ['压力表未按期检定', '安全阀铅封缺失', '容器外表面锈蚀未处理', '使用登记证未在现场公示'],
  '3000': ['电梯维护保养记录未签字', '轿厢应急照明不亮', '电梯使用标志过期未更换', '五方通话装置故障'],
  '4000': ['起重机吊钩防脱装置损坏', '钢丝绳断丝超标未更换', '司机未持证上岗', '限位开关失灵'],
  '5000': ['叉车未按期进行月度检查', '叉车司机证书过期', '车辆灯光、喇叭失效'],
  '6000': ['游乐设施安全带磨损', '运营前试运行记录缺失', '安全警示标识缺失'],
  '8000': ['管道标识不清', '管道支吊架松动', '管道保温层破损'],
  '9000': ['索道救援演练记录不全', '运营日志记录不全'],
  F000: ['安全阀校验超期', '爆破片未按期更换'],
};
const GENERAL_FINDINGS = ['特种设备安全管理制度未上墙', '应急预案未按期演练', '安全技术档案不完整'];

/**
 * Self-inspections (自查) and the hazards they found, for this year and last, by bulk INSERT:
 * about a third of the user units report one a year. Hazards past their deadline were mostly
 * corrected on time; each county has its own share (some above the 90 % target, some below), a
 * few were corrected late, a few are still open; hazards not yet due are corrected or open. Failed
 * inspections of units in use raise a hazard of source `periodic_inspection`, still open.
 */
async function insertHazards(tx: Db, seed: number, units: { id: string; unit: DemoUnit }[], today: string, summary: EquipmentDemoSummary) {
  const rng = makeRng(seed ^ 0x4a2a);
  const byUser = new Map<string, { id: string; unit: DemoUnit }[]>();
  for (const u of units) byUser.set(u.unit.userUscc, [...(byUser.get(u.unit.userUscc) ?? []), u]);
  const year = Number(today.slice(0, 4));
  const regions = [...new Set(units.map((u) => u.unit.regionCode))].sort();
  // Each county's share of hazards corrected on time, 84 %–97 %.
  const onTime = new Map(regions.map((r, i) => [r, 0.84 + ((i * 7) % regions.length) * (0.13 / Math.max(1, regions.length - 1))]));
  const selfRows: (typeof equipmentSelfInspections.$inferInsert)[] = [];
  const hazardRows: (typeof equipmentHazards.$inferInsert)[] = [];
  const pickDate = (r: Rng, from: string, to: string) => addDays(from, r.int(Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000))));

  for (const [uscc, owned] of [...byUser].sort(([a], [b]) => a.localeCompare(b))) {
    const regionCode = owned[0]!.unit.regionCode;
    for (const y of [year - 1, year]) {
      if (!rng.chance(0.35)) continue;
      const inspectedOn = y === year ? pickDate(rng, `${y}-01-01`, addDays(today, -1)) : pickDate(rng, `${y}-01-01`, `${y}-12-31`);
      const selfInspectionId = crypto.randomUUID();
      selfRows.push({ id: selfInspectionId, userUscc: uscc, regionCode, inspectedOn, note: `${y}年度特种设备安全自查`, reportedByKind: 'enterprise', reportedByName: DEMO_AUTHOR });
      const found = rng.int(4);
      for (let h = 0; h < found; h++) {
        const target = rng.chance(0.8) ? rng.pick(owned) : null;
        const level = rng.chance(0.05) ? 'major' : 'general';
        const correctionDueOn = addDays(inspectedOn, level === 'major' ? 60 : 15 + rng.int(16));
        let correctedOn: string | null = null;
        if (correctionDueOn < today) {
          const x = rng.next();
          const p = onTime.get(regionCode)!;
          if (x < p) correctedOn = pickDate(rng, inspectedOn, addDays(correctionDueOn, 1));
          else if (x < p + (1 - p) * 0.6) correctedOn = addDays(correctionDueOn, 1 + rng.int(20));
          if (correctedOn !== null && correctedOn > today) correctedOn = today;
        } else if (rng.chance(0.5)) {
          correctedOn = pickDate(rng, inspectedOn, addDays(today, 1));
        }
        hazardRows.push({
          equipmentId: target?.id ?? null,
          userUscc: uscc,
          regionCode,
          source: 'self_inspection',
          selfInspectionId,
          foundOn: inspectedOn,
          description: rng.pick(target ? (SELF_FINDINGS[target.unit.category] ?? GENERAL_FINDINGS) : GENERAL_FINDINGS),
          level,
          correctionDueOn,
          correctedOn,
          correctionNote: correctedOn ? '已整改，整改前后照片存档' : null,
          correctedByKind: correctedOn ? 'enterprise' : null,
          createdByName: DEMO_AUTHOR,
        });
      }
    }
  }
  for (const { id, unit } of units) {
    const last = unit.inspections.at(-1);
    if (unit.status !== 'in_use' || !last || last.conclusion !== 'fail') continue;
    hazardRows.push({
      equipmentId: id,
      userUscc: unit.userUscc,
      regionCode: unit.regionCode,
      source: 'periodic_inspection',
      foundOn: last.inspectedOn,
      description: `定期检验结论为不合格（报告编号 ${last.reportNo}），设备仍在使用`,
      level: 'major',
      correctionDueOn: addDays(last.inspectedOn, 30),
      createdByName: last.institution,
    });
  }
  for (let i = 0; i < selfRows.length; i += BATCH) await tx.insert(equipmentSelfInspections).values(selfRows.slice(i, i + BATCH));
  for (let i = 0; i < hazardRows.length; i += BATCH) await tx.insert(equipmentHazards).values(hazardRows.slice(i, i + BATCH));
  summary.selfInspections += selfRows.length;
  summary.hazards += hazardRows.length;
}

/**
 * A self-inspection the demo enterprise account reports itself (through the hazards part's
 * service, audited, tier recomputed), three days ago, with one hazard on its first unit to correct
 * within 12 days, still open.
 */
async function accountHazard(tx: Db, services: Services, account: DemoAccount, today: string, i: number, summary: EquipmentDemoSummary) {
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.username, account.username));
  const actor = user && (await services.users.loadActor(user.id, tx));
  if (!actor) return;
  const [unit] = await tx.select({ id: equipmentUnits.id, category: equipmentUnits.category }).from(equipmentUnits).where(and(eq(equipmentUnits.userUscc, account.uscc), eq(equipmentUnits.status, 'in_use'))).orderBy(asc(equipmentUnits.equipmentCode)).limit(1);
  await services.equipment.hazards.selfInspections.create({ actor }, {
    inspectedOn: addDays(today, -3),
    note: '季度特种设备安全自查',
    hazards: [{ equipmentId: unit?.id ?? null, description: (SELF_FINDINGS[unit?.category ?? ''] ?? GENERAL_FINDINGS)[i % 2]!, level: 'general', correctionDueOn: addDays(today, 12) }],
  });
  summary.selfInspections++;
  summary.hazards++;
}

export interface EquipmentDemoOptions {
  seed: number;
  /** Units in all (default DEMO_EQUIPMENT_UNITS), the accounts' included. */
  units?: number;
  today: string;
  /** The demo enterprise accounts: each gets ACCOUNT_UNITS units in use, one overdue, and reports a hazard to correct. */
  accounts?: readonly DemoAccount[];
}

/**
 * The special-equipment demo (issue 16), inside the demo's transaction, after the register: units
 * over all ten categories and all divisions with their inspection history (some overdue, some
 * failed and still in use, pressure vessels with their safety grades), given to active and
 * suspended enterprises of the register in their own division; self-inspections and hazards.
 */
export async function loadEquipmentDemo(tx: Db, services: Services, opts: EquipmentDemoOptions): Promise<EquipmentDemoSummary> {
  const { seed, today } = opts;
  const total = opts.units ?? DEMO_EQUIPMENT_UNITS;
  const summary: EquipmentDemoSummary = { units: 0, byCategory: {}, inspections: 0, overdue: 0, failedInUse: 0, selfInspections: 0, hazards: 0, operators: { operators: 0, certificates: 0, examSessions: 0, candidates: 0, passed: 0 }, notice: { notices: 0, hazards: 0, open: 0 }, tiers: {} };
  const unitUserList = await unitUsers(tx);
  if (unitUserList.length === 0 || total === 0) return summary;
  const rules: DemoDueRule[] = await tx
    .select({ id: equipmentDueRules.id, category: equipmentDueRules.category, subcategory: equipmentDueRules.subcategory, kind: equipmentDueRules.kind, safetyGrade: equipmentDueRules.safetyGrade, basis: equipmentDueRules.basis, intervalMonths: equipmentDueRules.intervalMonths })
    .from(equipmentDueRules);

  const accounts = (opts.accounts ?? []).map((a) => unitUserList.find((u) => u.uscc === a.uscc)).filter((u): u is UnitUser => u !== undefined);
  const accountUnitList = accounts.flatMap((user, i) => accountUnits(seed + 101 * (i + 1), user, ACCOUNT_UNITS, { today, rules, startIndex: total + i * 1000 }));
  const bulk = generateUnits({ seed, count: Math.max(0, total - accountUnitList.length), users: unitUserList, today, rules });
  const inserted = await insertUnits(tx, (function* () {
    yield* accountUnitList;
    yield* bulk;
  })(), today, summary);

  await tx.execute(sql`insert into equipment_events (equipment_id, kind, to_status, actor_name, at)
    select id, 'registered', 'in_use', ${DEMO_AUTHOR}, put_into_service_on::timestamptz from equipment_units where created_by_name = ${DEMO_AUTHOR}`);
  await tx.execute(sql`insert into equipment_events (equipment_id, kind, from_status, to_status, reason, actor_name, at)
    select id, 'transition', 'in_use', status, case status when 'suspended' then '使用单位申请停用' when 'scrapped' then '达到设计使用年限，报废' else '设备已拆除，注销使用登记' end,
      ${DEMO_AUTHOR}, least(now(), coalesce(last_inspected_on, put_into_service_on)::timestamptz + interval '30 days')
    from equipment_units where created_by_name = ${DEMO_AUTHOR} and status <> 'in_use'`);
  await insertHazards(tx, seed, inserted, today, summary);
  for (const [i, account] of (opts.accounts ?? []).entries()) await accountHazard(tx, services, account, today, i, summary);
  await tx.execute(sql`analyze equipment_units`);
  // Operators with certificates, and an exam session, through the operators part's service as the city officer.
  const [cityOfficer] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'city.officer'));
  const officerActor = cityOfficer && (await services.users.loadActor(cityOfficer.id, tx));
  if (officerActor) {
    const institution = unitUserList.find((u) => u.regionCode === '320812' && u.industryCode?.startsWith('M')) ?? unitUserList.find((u) => u.regionCode === '320812') ?? null;
    summary.operators = await loadOperatorsDemo(services, { actor: officerActor }, { seed, today, units: inserted.map((i) => i.unit), max: Math.max(10, Math.round(total / 30)), institutionUscc: institution?.uscc ?? null });
    const [countyOfficer] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'lianshui.officer'));
    const countyActor = countyOfficer && (await services.users.loadActor(countyOfficer.id, tx));
    summary.notice = await loadNoticeDemo(tx, services, { actor: officerActor }, countyActor ? { actor: countyActor } : null, today);
    summary.hazards += summary.notice.hazards;
  }
  // Every user unit's tier (分级分类监管) from what the demo recorded.
  summary.tiers = (await services.equipment.tiers.recomputeAll(today)).byTier;
  return summary;
}
