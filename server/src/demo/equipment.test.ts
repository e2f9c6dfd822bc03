import { and, count, eq, isNull, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { enterprises } from '../modules/enterprises/enterprises.schema.js';
import { equipmentHazards, equipmentSelfInspections } from '../modules/equipment/hazards/hazards.schema.js';
import { equipmentUserTiers } from '../modules/equipment/tiers/tiers.schema.js';
import { equipmentNotices } from '../modules/equipment/supervision/supervision.schema.js';
import { equipmentOperators, operatorCertificates, operatorExamCandidates, operatorExamSessions } from '../modules/equipment/operators/operators.schema.js';
import { auditEvents } from '../platform/audit/audit.schema.js';
import { equipmentInspections } from '../modules/equipment/periodic/periodic.schema.js';
import { equipmentEvents, equipmentUnits } from '../modules/equipment/registry/registry.schema.js';
import { todayInChina } from '../platform/calendar/dates.js';
import { TEST_SECRET_KEY } from '../test/app.js';
import { openTestDatabase } from '../test/database.js';
import { ACCOUNT_UNITS, DEMO_AUTHOR } from './equipment.js';
import { DEMO_REGION_CODES } from './places.js';
import { loadDemo } from './load-demo.js';

const CATEGORIES = ['1000', '2000', '3000', '4000', '5000', '6000', '7000', '8000', '9000', 'F000'];

describe('the special-equipment demo', () => {
  const config = loadConfig({}, { jobs: false, adminPassword: 'Admin#Test2026', secretKey: TEST_SECRET_KEY, auditAnchorDir: '/nonexistent/audit-anchors' });
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  it('registers the promised units over every category and division, with history, overdue and failed units, hazards, and units for each enterprise account', async () => {
    const units = 4000;
    const summary = await loadDemo({ database, config, count: 1000, equipmentUnits: units });
    const db = database.db;
    const today = todayInChina();
    const e = summary.equipment;
    expect(e.units).toBe(units);
    const [{ n }] = (await db.select({ n: count() }).from(equipmentUnits)) as [{ n: number }];
    expect(n).toBe(units);

    const byCategory = await db.select({ category: equipmentUnits.category, n: count() }).from(equipmentUnits).groupBy(equipmentUnits.category);
    expect(byCategory.map((r) => r.category).sort()).toEqual(CATEGORIES);
    expect(Object.keys(e.byCategory).sort()).toEqual(CATEGORIES);
    const regions = await db.selectDistinct({ regionCode: equipmentUnits.regionCode }).from(equipmentUnits);
    expect(regions.map((r) => r.regionCode).sort()).toEqual([...DEMO_REGION_CODES].sort());
    // Every subcategory is the catalogue's, under its category.
    const [{ bad }] = (await database.executeSql(`select count(*)::int as bad from equipment_units u left join equipment_categories c on c.code = u.subcategory where c.parent_code is distinct from u.category`)).rows as unknown as [{ bad: number }];
    expect(bad).toBe(0);

    // User units are enterprises of the register, in the units' division.
    const [{ strangers }] = (await database.executeSql(`select count(*)::int as strangers from equipment_units u left join enterprises e on e.uscc = u.user_uscc where e.uscc is null or e.region_code <> u.region_code`)).rows as unknown as [{ strangers: number }];
    expect(strangers).toBe(0);

    // Pressure vessels carry grades 1–5, nothing else does.
    const grades = await db.selectDistinct({ grade: equipmentUnits.safetyGrade, category: equipmentUnits.category }).from(equipmentUnits).where(sql`${equipmentUnits.safetyGrade} is not null`);
    expect(new Set(grades.map((g) => g.category))).toEqual(new Set(['2000']));
    expect(grades.map((g) => g.grade).sort()).toEqual([1, 2, 3, 4, 5]);
    const kinds = await db.selectDistinct({ kind: equipmentUnits.keyUnitKind }).from(equipmentUnits);
    expect(kinds.map((k) => k.kind).filter(Boolean).sort()).toEqual(['hospital', 'mall', 'residential', 'scenic_area', 'school', 'station']);

    // Inspections: history on the units, overdue ones, failed ones still in use; the unit's state is its last inspection.
    const [{ i }] = (await db.select({ i: count() }).from(equipmentInspections)) as [{ i: number }];
    expect(i).toBe(e.inspections);
    expect(i).toBeGreaterThan(units * 1.5);
    const [{ overdue }] = (await db.select({ overdue: count() }).from(equipmentUnits).where(and(eq(equipmentUnits.status, 'in_use'), lt(equipmentUnits.nextInspectionDue, today)))) as [{ overdue: number }];
    expect(overdue).toBe(e.overdue);
    expect(overdue).toBeGreaterThan(units * 0.02);
    expect(e.failedInUse).toBeGreaterThan(units * 0.005);
    const [{ mismatched }] = (await database.executeSql(`select count(*)::int as mismatched from equipment_units u join lateral (select inspected_on, conclusion from equipment_inspections i where i.equipment_id = u.id order by inspected_on desc limit 1) l on true where l.inspected_on <> u.last_inspected_on or l.conclusion <> u.last_conclusion`)).rows as unknown as [{ mismatched: number }];
    expect(mismatched).toBe(0);
    const statuses = await db.selectDistinct({ status: equipmentUnits.status }).from(equipmentUnits);
    expect(statuses.map((s) => s.status).sort()).toEqual(['deregistered', 'in_use', 'scrapped', 'suspended']);
    const [{ events }] = (await db.select({ events: count() }).from(equipmentEvents).where(eq(equipmentEvents.kind, 'registered'))) as [{ events: number }];
    expect(events).toBe(units);

    // Hazards: self-inspection ones corrected on time, late, and open; failed inspections raise one.
    const hazards = await db.select({ source: equipmentHazards.source, correctedOn: equipmentHazards.correctedOn, due: equipmentHazards.correctionDueOn }).from(equipmentHazards);
    expect(hazards).toHaveLength(e.hazards);
    const self = hazards.filter((h) => h.source === 'self_inspection');
    expect(self.filter((h) => h.correctedOn !== null && h.correctedOn <= h.due).length).toBeGreaterThan(10);
    expect(self.filter((h) => h.correctedOn !== null && h.correctedOn > h.due).length).toBeGreaterThan(0);
    expect(self.filter((h) => h.correctedOn === null && h.due < today).length).toBeGreaterThan(0);
    expect(self.filter((h) => h.correctedOn === null && h.due >= today).length).toBeGreaterThan(0);
    expect(hazards.some((h) => h.source === 'periodic_inspection')).toBe(true);

    // Operators through the service: ID numbers sealed (no readable number in the row), masked, hashed; certificates; one exam session with results.
    const operators = await db.select().from(equipmentOperators);
    expect(operators.length).toBe(e.operators.operators);
    expect(operators.length).toBeGreaterThan(20);
    for (const op of operators) {
      expect(op.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(op.idNumberSealed).not.toMatch(/\d{17}[\dX]/);
    }
    const [{ certs }] = (await db.select({ certs: count() }).from(operatorCertificates)) as [{ certs: number }];
    expect(certs).toBe(e.operators.certificates);
    expect(await db.select().from(operatorExamSessions)).toHaveLength(1);
    const candidates = await db.select().from(operatorExamCandidates);
    expect(candidates.length).toBe(e.operators.candidates);
    expect(candidates.some((c) => c.passed === true && c.certificateId !== null)).toBe(true);
    expect(candidates.some((c) => c.passed === false)).toBe(true);
    const [{ operatorAudits }] = (await db.select({ operatorAudits: count() }).from(auditEvents).where(eq(auditEvents.action, 'equipment_operator.created'))) as [{ operatorAudits: number }];
    expect(operatorAudits).toBe(operators.length);

    // One 暗访通报 to 涟水县 with its .docx, listing supervision hazards, some still open.
    const notices = await db.select().from(equipmentNotices);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.regionCode).toBe('320826');
    expect(notices[0]!.document.subarray(0, 2).toString()).toBe('PK');
    const listed = await db.select().from(equipmentHazards).where(eq(equipmentHazards.noticeId, notices[0]!.id));
    expect(listed.length).toBe(e.notice.hazards);
    expect(listed.every((h) => h.source === 'supervision')).toBe(true);
    expect(listed.filter((h) => h.countyClosedOn === null).length).toBe(e.notice.open);
    expect(e.notice.open).toBeGreaterThan(0);

    // Tiers computed for the user units, more than one tier in use.
    const tiers = await db.select({ tier: equipmentUserTiers.tier, n: count() }).from(equipmentUserTiers).groupBy(equipmentUserTiers.tier);
    expect(tiers.length).toBeGreaterThan(1);
    expect(tiers.reduce((sum, t) => sum + t.n, 0)).toBe(Object.values(e.tiers).reduce((sum, n) => sum + n, 0));

    // Each enterprise account: its units in use, one overdue, and an open hazard to correct.
    expect(summary.accounts.length).toBe(2);
    for (const a of summary.accounts) {
      const own = await db.select().from(equipmentUnits).where(eq(equipmentUnits.userUscc, a.uscc));
      expect(own.length).toBeGreaterThanOrEqual(ACCOUNT_UNITS);
      expect(own.filter((u) => u.status === 'in_use' && u.nextInspectionDue! < today).length).toBeGreaterThanOrEqual(1);
      const open = await db.select().from(equipmentHazards).where(and(eq(equipmentHazards.userUscc, a.uscc), isNull(equipmentHazards.correctedOn), sql`${equipmentHazards.correctionDueOn} >= ${today}`));
      expect(open.length).toBeGreaterThanOrEqual(1);
      // …reported by the account itself, through the hazards service (audited).
      const [reported] = await db.select().from(equipmentSelfInspections).where(eq(equipmentSelfInspections.id, open[0]!.selfInspectionId!));
      expect(reported).toMatchObject({ reportedByKind: 'enterprise' });
      expect(reported!.reportedByName).not.toBe(DEMO_AUTHOR);
      const [ent] = await db.select({ regionCode: enterprises.regionCode }).from(enterprises).where(eq(enterprises.uscc, a.uscc));
      expect(new Set(own.map((u) => u.regionCode))).toEqual(new Set([ent!.regionCode]));
    }
  }, 300_000);
});
