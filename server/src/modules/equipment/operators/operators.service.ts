import { type SQL, and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../../platform/access/scope.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { invalid, orThrow, requireDate, requireText } from '../../../platform/validation/fields.js';
import { enterprises } from '../../enterprises/index.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { equipmentCategories, equipmentUnits } from '../registry/registry.schema.js';
import { categoryJoin, certifiedOperatorRate, coveredSql, needingWhere, rateOf } from './coverage.js';
import { makeEmergencyRecords } from './emergency.js';
import { makeExams } from './exams.js';
import { checkIdNumber, idNumberHash, maskIdNumber } from '../../../platform/validation/id-number.js';
import { equipmentOperators, operatorCertificates, operatorWorkItems } from './operators.schema.js';

type Ctx = RequestContext & { actor: Actor };

/** Days before expiry a certificate counts as expiring (the user-unit view; the list takes `within`). */
export const EXPIRING_DAYS = 90;

export interface CertificateInput {
  workItem: string;
  certificateNo: string;
  issuedOn: string;
  expiresOn?: string | null;
}

export interface OperatorInput {
  name: string;
  idNumber: string;
  employerUscc: string;
  certificates?: CertificateInput[];
}

export interface OperatorFilter {
  employerUscc?: string;
  q?: string;
  workItem?: string;
  /** Holds an unrevoked certificate expiring within this many days (from today, expired ones not included). */
  expiringWithin?: number;
  regionCode?: string;
}

export interface WorkItemInput {
  code: string;
  name: string;
  category?: string | null;
  sort?: number;
  validityYears?: number;
  theoryPassMark?: number;
  practicalPassMark?: number;
}

/** `date` + `years` (29 February becomes 28 February in a year that has none). */
export function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** Scope of rows that belong to an enterprise in a region (operators by their employer). */
export const operatorScope = (actor: Actor) => visibleTo(actor, { regionCode: equipmentOperators.regionCode, uscc: equipmentOperators.employerUscc });
const enterpriseScope = (actor: Actor) => visibleTo(actor, { regionCode: enterprises.regionCode, uscc: enterprises.uscc });
const unitScope = (actor: Actor) => visibleTo(actor, { regionCode: equipmentUnits.regionCode, uscc: equipmentUnits.userUscc });

/** A certificate is valid on `today` when it is not revoked, issued by then and not expired. */
const isValid = (c: { revokedOn: string | null; issuedOn: string; expiresOn: string }, today: string) => c.revokedOn === null && c.issuedOn <= today && c.expiresOn >= today;

export function makeOperatorsService(deps: EquipmentDeps) {
  const { db, audit, personal, operatorIdKey } = deps;

  /** An enterprise of the register the actor may see (400 naming `field` otherwise: it must be registered first). */
  async function enterpriseFor(tx: Db, actor: Actor, uscc: string, field: string, label: string) {
    const [row] = await tx.select({ uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode }).from(enterprises).where(and(eq(enterprises.uscc, uscc.trim().toUpperCase()), enterpriseScope(actor)));
    if (!row) throw new AppError('ENTERPRISE_UNKNOWN', `${label}不在企业名录中（或不在您的管辖范围内），请先登记该企业`, 400, { field });
    return row;
  }

  async function workItemOf(tx: Db, code: string, field: string) {
    const [item] = await tx.select().from(operatorWorkItems).where(eq(operatorWorkItems.code, code));
    if (!item) throw new AppError('UNKNOWN_WORK_ITEM', `作业项目 ${code} 不存在`, 400, { field });
    return item;
  }

  /** Checks a certificate's fields; `expiresOn` defaults to issuedOn + the work item's validity. */
  async function certificateValues(tx: Db, input: CertificateInput, field: string) {
    const item = await workItemOf(tx, input.workItem, `${field}.workItem`);
    const certificateNo = requireText(input.certificateNo, `${field}.certificateNo`, '证书编号', 64);
    const issuedOn = requireDate(input.issuedOn, `${field}.issuedOn`, '发证日期');
    if (issuedOn > todayInChina()) throw new AppError('INVALID_DATE', '发证日期不能晚于今天', 400, { field: `${field}.issuedOn` });
    const expiresOn = input.expiresOn ? requireDate(input.expiresOn, `${field}.expiresOn`, '有效期至') : addYears(issuedOn, item.validityYears);
    if (expiresOn <= issuedOn) throw new AppError('INVALID_DATE', '有效期至应晚于发证日期', 400, { field: `${field}.expiresOn` });
    return { workItem: item.code, certificateNo, issuedOn, expiresOn };
  }

  async function assertCertificateNoFree(tx: Db, certificateNo: string, field: string, exceptId?: string) {
    const [taken] = await tx.select({ id: operatorCertificates.id }).from(operatorCertificates).where(eq(operatorCertificates.certificateNo, certificateNo));
    if (taken && taken.id !== exceptId) throw new AppError('DUPLICATE', `证书编号 ${certificateNo} 已登记`, 409, { field });
  }

  const operatorColumns = {
    id: equipmentOperators.id,
    name: equipmentOperators.name,
    idNumberMasked: equipmentOperators.idNumberMasked,
    idNumberSealed: equipmentOperators.idNumberSealed,
    employerUscc: equipmentOperators.employerUscc,
    employerName: enterprises.name,
    regionCode: equipmentOperators.regionCode,
    version: equipmentOperators.version,
    createdAt: equipmentOperators.createdAt,
    updatedAt: equipmentOperators.updatedAt,
  };
  type OperatorRow = { [K in keyof typeof operatorColumns]: K extends 'employerName' ? string | null : (typeof equipmentOperators.$inferSelect)[Exclude<K, 'employerName'>] };

  const selectOperators = (tx: Db) => tx.select(operatorColumns).from(equipmentOperators).leftJoin(enterprises, eq(enterprises.uscc, equipmentOperators.employerUscc));

  /** The certificates of some operators, by operator, in work-item order. */
  async function certificatesOf(tx: Db, operatorIds: string[]) {
    if (operatorIds.length === 0) return new Map<string, ReturnType<typeof certificateJson>[]>();
    const today = todayInChina();
    const rows = await tx
      .select({ c: operatorCertificates, workItemName: operatorWorkItems.name, sort: operatorWorkItems.sort })
      .from(operatorCertificates)
      .leftJoin(operatorWorkItems, eq(operatorWorkItems.code, operatorCertificates.workItem))
      .where(inArray(operatorCertificates.operatorId, operatorIds))
      .orderBy(asc(operatorWorkItems.sort), asc(operatorCertificates.workItem), asc(operatorCertificates.issuedOn), asc(operatorCertificates.id));
    const byOperator = new Map<string, ReturnType<typeof certificateJson>[]>();
    for (const r of rows) {
      const list = byOperator.get(r.c.operatorId) ?? [];
      list.push(certificateJson(r.c, r.workItemName, today));
      byOperator.set(r.c.operatorId, list);
    }
    return byOperator;
  }

  function certificateJson(c: typeof operatorCertificates.$inferSelect, workItemName: string | null, today: string) {
    return {
      id: c.id,
      workItem: c.workItem,
      workItemName: workItemName ?? c.workItem,
      certificateNo: c.certificateNo,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
      reviewDates: c.reviewDates,
      examSessionId: c.examSessionId,
      revokedOn: c.revokedOn,
      valid: isValid(c, today),
      version: c.version,
    };
  }

  /** The operator as the API answers it: the ID number masked unless `revealed` (the caller audits). */
  function operatorJson(row: OperatorRow, certificates: ReturnType<typeof certificateJson>[], revealed = false) {
    return {
      id: row.id,
      name: row.name,
      idNumber: revealed ? personal.open(row.idNumberSealed) : row.idNumberMasked,
      idNumberRevealed: revealed,
      employerUscc: row.employerUscc,
      employerName: row.employerName,
      regionCode: row.regionCode,
      certificates,
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
  type OperatorJson = ReturnType<typeof operatorJson>;

  /** The operator if the actor may see it (404 otherwise). `actor` null: no scope (inside a write that checked it). */
  async function find(tx: Db, actor: Actor | null, id: string, revealed = false): Promise<OperatorJson> {
    const [row] = await selectOperators(tx).where(and(eq(equipmentOperators.id, id), actor ? operatorScope(actor) : undefined));
    if (!row) throw notFound('作业人员');
    const certs = await certificatesOf(tx, [id]);
    return operatorJson(row, certs.get(id) ?? [], revealed);
  }

  /** The operator row locked for a change, after the scope check and the If-Match check. */
  async function lock(tx: Db, actor: Actor, id: string, expected?: ExpectedVersion) {
    await find(tx, actor, id);
    const [row] = await tx.select().from(equipmentOperators).where(eq(equipmentOperators.id, id)).for('update');
    assertVersion(expected, row!.version);
    return row!;
  }

  const bump = (tx: Db, id: string) => tx.update(equipmentOperators).set({ version: nextVersion(equipmentOperators.version), updatedAt: new Date() }).where(eq(equipmentOperators.id, id));

  /** What the audit trail keeps of an operator: never the ID number in full. */
  const auditView = (o: OperatorJson) => ({ name: o.name, idNumber: o.idNumber, employerUscc: o.employerUscc, certificates: o.certificates.map((c) => ({ workItem: c.workItem, certificateNo: c.certificateNo, issuedOn: c.issuedOn, expiresOn: c.expiresOn, revokedOn: c.revokedOn })) });

  function listWhere(actor: Actor, filter: OperatorFilter): SQL | undefined {
    const today = todayInChina();
    const q = filter.q?.trim();
    return and(
      operatorScope(actor),
      filter.employerUscc ? eq(equipmentOperators.employerUscc, filter.employerUscc.trim().toUpperCase()) : undefined,
      filter.regionCode ? sql`${equipmentOperators.regionCode} like ${`${regionPrefix(filter.regionCode)}%`}` : undefined,
      q
        ? or(
            ilike(equipmentOperators.name, `%${escapeLike(q)}%`),
            sql`exists (select 1 from ${operatorCertificates} where ${operatorCertificates.operatorId} = ${equipmentOperators.id} and ${operatorCertificates.certificateNo} ilike ${`%${escapeLike(q)}%`})`,
          )
        : undefined,
      filter.workItem ? sql`exists (select 1 from ${operatorCertificates} where ${operatorCertificates.operatorId} = ${equipmentOperators.id} and ${operatorCertificates.workItem} = ${filter.workItem})` : undefined,
      filter.expiringWithin !== undefined
        ? sql`exists (select 1 from ${operatorCertificates} where ${operatorCertificates.operatorId} = ${equipmentOperators.id} and ${operatorCertificates.revokedOn} is null and ${operatorCertificates.expiresOn} between ${today} and ${addDays(today, filter.expiringWithin)})`
        : undefined,
    );
  }

  const service = {
    // ---------------------------------------------------------------- work items (TSG Z6001)

    async workItems() {
      const items = await db.select().from(operatorWorkItems).orderBy(asc(operatorWorkItems.sort), asc(operatorWorkItems.code));
      return { items, total: items.length };
    },

    async createWorkItem(ctx: Ctx, input: WorkItemInput) {
      const code = input.code.trim().toUpperCase();
      const name = requireText(input.name, 'name', '作业项目名称', 60);
      return inTransaction(db, async (tx) => {
        const [taken] = await tx.select({ code: operatorWorkItems.code }).from(operatorWorkItems).where(eq(operatorWorkItems.code, code));
        if (taken) throw new AppError('DUPLICATE', `作业项目代号 ${code} 已存在`, 409, { field: 'code' });
        if (input.category) await categoryExists(tx, input.category);
        const [row] = await tx
          .insert(operatorWorkItems)
          .values({ code, name, category: input.category ?? null, sort: input.sort ?? 1000, validityYears: input.validityYears ?? 4, theoryPassMark: input.theoryPassMark ?? 60, practicalPassMark: input.practicalPassMark ?? 60 })
          .returning();
        await audit.record(tx, ctx, { action: 'operator_work_item.created', targetType: 'operator_work_item', targetId: code, after: row });
        return row!;
      });
    },

    async updateWorkItem(ctx: Ctx, code: string, input: Partial<Omit<WorkItemInput, 'code'>>, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const [before] = await tx.select().from(operatorWorkItems).where(eq(operatorWorkItems.code, code)).for('update');
        if (!before) throw notFound('作业项目');
        assertVersion(expected, before.version);
        if (input.category) await categoryExists(tx, input.category);
        const set = {
          ...(input.name !== undefined ? { name: requireText(input.name, 'name', '作业项目名称', 60) } : {}),
          ...(input.category !== undefined ? { category: input.category } : {}),
          ...(input.sort !== undefined ? { sort: input.sort } : {}),
          ...(input.validityYears !== undefined ? { validityYears: input.validityYears } : {}),
          ...(input.theoryPassMark !== undefined ? { theoryPassMark: input.theoryPassMark } : {}),
          ...(input.practicalPassMark !== undefined ? { practicalPassMark: input.practicalPassMark } : {}),
        };
        const [row] = await tx
          .update(operatorWorkItems)
          .set({ ...set, version: nextVersion(operatorWorkItems.version), updatedAt: new Date() })
          .where(eq(operatorWorkItems.code, code))
          .returning();
        await audit.record(tx, ctx, { action: 'operator_work_item.changed', targetType: 'operator_work_item', targetId: code, before, after: set });
        return row!;
      });
    },

    // ---------------------------------------------------------------- operators

    async create(ctx: Ctx, input: OperatorInput): Promise<OperatorJson> {
      const name = requireText(input.name, 'name', '姓名', 50);
      const idNumber = orThrow(checkIdNumber(input.idNumber));
      const hash = idNumberHash(operatorIdKey, idNumber);
      return inTransaction(db, async (tx) => {
        const employer = await enterpriseFor(tx, ctx.actor, input.employerUscc, 'employerUscc', '用人单位');
        const certs = [];
        for (const [i, c] of (input.certificates ?? []).entries()) certs.push(await certificateValues(tx, c, `certificates.${i}`));
        const [same] = await tx.select({ id: equipmentOperators.id }).from(equipmentOperators).where(eq(equipmentOperators.idNumberHash, hash));
        if (same) throw new AppError('DUPLICATE', '该身份证号码的作业人员已登记', 409, { field: 'idNumber' });
        const seen = new Set<string>();
        for (const [i, c] of certs.entries()) {
          if (seen.has(c.certificateNo)) throw new AppError('DUPLICATE', `证书编号 ${c.certificateNo} 重复`, 409, { field: `certificates.${i}.certificateNo` });
          seen.add(c.certificateNo);
          await assertCertificateNoFree(tx, c.certificateNo, `certificates.${i}.certificateNo`);
        }
        const [row] = await tx
          .insert(equipmentOperators)
          .values({ name, idNumberSealed: personal.seal(idNumber), idNumberMasked: maskIdNumber(idNumber), idNumberHash: hash, employerUscc: employer.uscc, regionCode: employer.regionCode })
          .returning({ id: equipmentOperators.id });
        if (certs.length) await tx.insert(operatorCertificates).values(certs.map((c) => ({ ...c, operatorId: row!.id })));
        const created = await find(tx, null, row!.id);
        await audit.record(tx, ctx, { action: 'equipment_operator.created', targetType: 'equipment_operator', targetId: row!.id, after: auditView(created) });
        return created;
      });
    },

    async list(actor: Actor, filter: OperatorFilter, page: Page) {
      const where = listWhere(actor, filter);
      const [rows, [count]] = await Promise.all([
        selectOperators(db).where(where).orderBy(asc(equipmentOperators.name), asc(equipmentOperators.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(equipmentOperators).where(where),
      ]);
      const certs = await certificatesOf(db, rows.map((r) => r.id));
      return { items: rows.map((r) => operatorJson(r, certs.get(r.id) ?? [])), total: count?.n ?? 0 };
    },

    /**
     * One operator. `reveal`: the ID number in full — only with `equipment.operator_pii` (403
     * otherwise, whoever asks), and every such read is recorded (`equipment_operator.pii_viewed`).
     */
    async get(ctx: Ctx, id: string, opts: { reveal?: boolean } = {}): Promise<OperatorJson> {
      if (!opts.reveal) return find(db, ctx.actor, id);
      if (!ctx.actor.permissions.has('equipment.operator_pii')) throw forbidden('无权查看作业人员的完整身份证号码');
      return inTransaction(db, async (tx) => {
        const operator = await find(tx, ctx.actor, id, true);
        await audit.record(tx, ctx, { action: 'equipment_operator.pii_viewed', targetType: 'equipment_operator', targetId: id, after: { name: operator.name, idNumber: maskIdNumber(operator.idNumber) } });
        return operator;
      });
    },

    /** Changes name, ID number (a correction) or employer (the data scope follows the new employer's region). */
    async update(ctx: Ctx, id: string, input: Partial<Omit<OperatorInput, 'certificates'>>, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        await lock(tx, ctx.actor, id, expected);
        const before = await find(tx, null, id);
        const set: Partial<typeof equipmentOperators.$inferInsert> = {};
        if (input.name !== undefined) set.name = requireText(input.name, 'name', '姓名', 50);
        if (input.idNumber !== undefined) {
          const idNumber = orThrow(checkIdNumber(input.idNumber));
          const hash = idNumberHash(operatorIdKey, idNumber);
          const [same] = await tx.select({ id: equipmentOperators.id }).from(equipmentOperators).where(eq(equipmentOperators.idNumberHash, hash));
          if (same && same.id !== id) throw new AppError('DUPLICATE', '该身份证号码的作业人员已登记', 409, { field: 'idNumber' });
          Object.assign(set, { idNumberSealed: personal.seal(idNumber), idNumberMasked: maskIdNumber(idNumber), idNumberHash: hash });
        }
        if (input.employerUscc !== undefined) {
          const employer = await enterpriseFor(tx, ctx.actor, input.employerUscc, 'employerUscc', '用人单位');
          Object.assign(set, { employerUscc: employer.uscc, regionCode: employer.regionCode });
        }
        await tx
          .update(equipmentOperators)
          .set({ ...set, version: nextVersion(equipmentOperators.version), updatedAt: new Date() })
          .where(eq(equipmentOperators.id, id));
        const after = await find(tx, null, id);
        await audit.record(tx, ctx, { action: 'equipment_operator.changed', targetType: 'equipment_operator', targetId: id, before: auditView(before), after: auditView(after) });
        return after;
      });
    },

    // ---------------------------------------------------------------- certificates

    /** Adds a certificate (expiresOn defaults to issuedOn + the work item's validity). */
    async addCertificate(ctx: Ctx, id: string, input: CertificateInput, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        await lock(tx, ctx.actor, id, expected);
        const values = await certificateValues(tx, input, 'certificate');
        await assertCertificateNoFree(tx, values.certificateNo, 'certificateNo');
        const [cert] = await tx.insert(operatorCertificates).values({ ...values, operatorId: id }).returning();
        await bump(tx, id);
        await audit.record(tx, ctx, { action: 'operator_certificate.added', targetType: 'operator_certificate', targetId: cert!.id, after: { operatorId: id, ...values } });
        return find(tx, null, id);
      });
    },

    /**
     * Renews a certificate (换证): issued again on `issuedOn` (today by default), valid until
     * `expiresOn` (issuedOn + the work item's validity by default), under a new number if given.
     * `examSessionId`: the exam whose pass renewed it. A revoked certificate is not renewed (409).
     */
    async renewCertificate(ctx: Ctx, id: string, certificateId: string, input: { issuedOn?: string; expiresOn?: string | null; certificateNo?: string }, expected?: ExpectedVersion, outer: Db = db, examSessionId?: string) {
      return inTransaction(outer, async (tx) => {
        await lock(tx, ctx.actor, id, expected);
        await renew(tx, ctx, id, certificateId, input, examSessionId);
        return find(tx, null, id);
      });
    },

    /** Records a review date (复审) of a certificate, past or planned. */
    async addReviewDate(ctx: Ctx, id: string, certificateId: string, reviewedOn: string, expected?: ExpectedVersion) {
      const date = requireDate(reviewedOn, 'reviewedOn', '复审日期');
      return inTransaction(db, async (tx) => {
        await lock(tx, ctx.actor, id, expected);
        const cert = await certificateOf(tx, id, certificateId);
        const reviewDates = [...new Set([...cert.reviewDates, date])].sort();
        await tx.update(operatorCertificates).set({ reviewDates, version: nextVersion(operatorCertificates.version), updatedAt: new Date() }).where(eq(operatorCertificates.id, certificateId));
        await bump(tx, id);
        await audit.record(tx, ctx, { action: 'operator_certificate.reviewed', targetType: 'operator_certificate', targetId: certificateId, before: { reviewDates: cert.reviewDates }, after: { reviewDates } });
        return find(tx, null, id);
      });
    },

    /** Revokes a certificate (撤销) from `revokedOn` with a reason; it no longer counts as valid. */
    async revokeCertificate(ctx: Ctx, id: string, certificateId: string, input: { revokedOn: string; reason: string }, expected?: ExpectedVersion) {
      const revokedOn = requireDate(input.revokedOn, 'revokedOn', '撤销日期');
      const reason = requireText(input.reason, 'reason', '撤销理由', 1000);
      return inTransaction(db, async (tx) => {
        await lock(tx, ctx.actor, id, expected);
        const cert = await certificateOf(tx, id, certificateId);
        if (cert.revokedOn) throw new AppError('CERTIFICATE_REVOKED', '该证书已撤销', 409);
        await tx.update(operatorCertificates).set({ revokedOn, version: nextVersion(operatorCertificates.version), updatedAt: new Date() }).where(eq(operatorCertificates.id, certificateId));
        await bump(tx, id);
        await audit.record(tx, ctx, { action: 'operator_certificate.revoked', targetType: 'operator_certificate', targetId: certificateId, after: { operatorId: id, certificateNo: cert.certificateNo, revokedOn, reason } });
        return find(tx, null, id);
      });
    },

    /** Unrevoked certificates expiring between today and today + `within` days, soonest first (expired ones are not listed). */
    async expiring(actor: Actor, filter: { within?: number; regionCode?: string; employerUscc?: string }, page: Page) {
      const today = todayInChina();
      const within = filter.within ?? EXPIRING_DAYS;
      const where = and(
        operatorScope(actor),
        sql`${operatorCertificates.revokedOn} is null`,
        sql`${operatorCertificates.expiresOn} between ${today} and ${addDays(today, within)}`,
        filter.regionCode ? sql`${equipmentOperators.regionCode} like ${`${regionPrefix(filter.regionCode)}%`}` : undefined,
        filter.employerUscc ? eq(equipmentOperators.employerUscc, filter.employerUscc.trim().toUpperCase()) : undefined,
      );
      const base = (tx: Db) => tx.select(expiringColumns).from(operatorCertificates).innerJoin(equipmentOperators, eq(equipmentOperators.id, operatorCertificates.operatorId)).leftJoin(enterprises, eq(enterprises.uscc, equipmentOperators.employerUscc)).leftJoin(operatorWorkItems, eq(operatorWorkItems.code, operatorCertificates.workItem));
      const [items, [count]] = await Promise.all([
        base(db).where(where).orderBy(asc(operatorCertificates.expiresOn), asc(operatorCertificates.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(operatorCertificates).innerJoin(equipmentOperators, eq(equipmentOperators.id, operatorCertificates.operatorId)).where(where),
      ]);
      return { items: items.map((i) => ({ ...i, workItemName: i.workItemName ?? i.workItem, daysLeft: daysBetween(today, i.expiresOn) })), total: count?.n ?? 0 };
    },

    // ---------------------------------------------------------------- per user unit

    /**
     * A user unit's (使用单位) units that need a certified operator and whether each has one, the
     * certified-operator rate (持证上岗率), and its operators' certificates expiring within 90 days.
     * 404 unless the actor sees the enterprise or one of its units (an enterprise account: its own).
     */
    async userUnit(actor: Actor, uscc: string) {
      const today = todayInChina();
      const code = uscc.trim().toUpperCase();
      const [enterprise] = await db.select({ uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode, visible: sql<boolean>`coalesce(${enterpriseScope(actor) ?? sql`true`}, false)` }).from(enterprises).where(eq(enterprises.uscc, code));
      if (!enterprise) throw notFound('使用单位');
      const unitWhere = and(eq(equipmentUnits.userUscc, code), unitScope(actor));
      if (!enterprise.visible) {
        const [any] = await db.select({ id: equipmentUnits.id }).from(equipmentUnits).where(unitWhere).limit(1);
        if (!any) throw notFound('使用单位');
      }
      const units = await db
        .select({
          id: equipmentUnits.id,
          equipmentCode: equipmentUnits.equipmentCode,
          registrationNo: equipmentUnits.registrationNo,
          category: equipmentUnits.category,
          categoryName: equipmentCategories.name,
          workItems: equipmentCategories.operatorWorkItems,
          covered: coveredSql(today),
        })
        .from(equipmentUnits)
        .innerJoin(equipmentCategories, categoryJoin)
        .where(and(needingWhere(), unitWhere))
        .orderBy(asc(equipmentUnits.equipmentCode), asc(equipmentUnits.id));
      const covered = units.filter((u) => u.covered).length;
      const expiring = await service.expiring(actor, { within: EXPIRING_DAYS, employerUscc: code }, { page: 1, pageSize: 500 });
      return { uscc: enterprise.uscc, name: enterprise.name, needing: units.length, covered, rate: rateOf(covered, units.length), units, expiring: expiring.items };
    },

    /** The certified-operator rate over the units the actor sees (optionally one division and those below). */
    certifiedOperatorRate: (actor: Actor, regionCode?: string) => certifiedOperatorRate(db, { where: unitScope(actor), regionCode }),

    // ---------------------------------------------------------------- export

    /** Rows of the export (the header first): one per certificate, an operator without any on a row of its own; ID numbers masked. */
    async *exportRows(actor: Actor, filter: OperatorFilter): AsyncIterable<string[]> {
      yield ['姓名', '身份证号码', '用人单位', '用人单位统一社会信用代码', '行政区划', '作业项目代号', '作业项目', '证书编号', '发证日期', '有效期至', '复审日期', '撤销日期', '证书状态'];
      const where = listWhere(actor, filter);
      for (let page = 1; ; page++) {
        const rows = await selectOperators(db).where(where).orderBy(asc(equipmentOperators.name), asc(equipmentOperators.id)).limit(1000).offset((page - 1) * 1000);
        if (rows.length === 0) return;
        const certs = await certificatesOf(db, rows.map((r) => r.id));
        for (const r of rows) {
          const head = [r.name, r.idNumberMasked, r.employerName ?? '', r.employerUscc, r.regionCode];
          const list = certs.get(r.id) ?? [];
          if (list.length === 0) yield [...head, '', '', '', '', '', '', '', ''];
          for (const c of list) yield [...head, c.workItem, c.workItemName, c.certificateNo, c.issuedOn, c.expiresOn, c.reviewDates.join(' '), c.revokedOn ?? '', c.revokedOn ? '已撤销' : c.valid ? '有效' : '已过期'];
        }
        if (rows.length < 1000) return;
      }
    },
  };

  async function categoryExists(tx: Db, code: string) {
    const [row] = await tx.select({ code: equipmentCategories.code }).from(equipmentCategories).where(eq(equipmentCategories.code, code));
    if (!row) throw invalid('category', `设备类别 ${code} 不存在`);
  }

  async function certificateOf(tx: Db, operatorId: string, certificateId: string) {
    const [cert] = await tx.select().from(operatorCertificates).where(and(eq(operatorCertificates.id, certificateId), eq(operatorCertificates.operatorId, operatorId))).for('update');
    if (!cert) throw notFound('证书');
    return cert;
  }

  /** Renews a certificate of an operator locked by the caller (see renewCertificate). */
  async function renew(tx: Db, ctx: Ctx, operatorId: string, certificateId: string, input: { issuedOn?: string; expiresOn?: string | null; certificateNo?: string }, examSessionId?: string) {
    const cert = await certificateOf(tx, operatorId, certificateId);
    if (cert.revokedOn) throw new AppError('CERTIFICATE_REVOKED', '已撤销的证书不能换证，请重新取证', 409);
    const item = await workItemOf(tx, cert.workItem, 'workItem');
    const issuedOn = input.issuedOn ? requireDate(input.issuedOn, 'issuedOn', '发证日期') : todayInChina();
    const expiresOn = input.expiresOn ? requireDate(input.expiresOn, 'expiresOn', '有效期至') : addYears(issuedOn, item.validityYears);
    if (expiresOn <= issuedOn) throw new AppError('INVALID_DATE', '有效期至应晚于发证日期', 400, { field: 'expiresOn' });
    const certificateNo = input.certificateNo ? requireText(input.certificateNo, 'certificateNo', '证书编号', 64) : cert.certificateNo;
    if (certificateNo !== cert.certificateNo) await assertCertificateNoFree(tx, certificateNo, 'certificateNo', cert.id);
    await tx
      .update(operatorCertificates)
      .set({ issuedOn, expiresOn, certificateNo, examSessionId: examSessionId ?? cert.examSessionId, version: nextVersion(operatorCertificates.version), updatedAt: new Date() })
      .where(eq(operatorCertificates.id, cert.id));
    await bump(tx, operatorId);
    await audit.record(tx, ctx, { action: 'operator_certificate.renewed', targetType: 'operator_certificate', targetId: cert.id, before: { certificateNo: cert.certificateNo, issuedOn: cert.issuedOn, expiresOn: cert.expiresOn }, after: { certificateNo, issuedOn, expiresOn, examSessionId: examSessionId ?? null } });
    return cert.id;
  }

  /** Issues a certificate after an exam pass (the operator locked by the caller). */
  async function issue(tx: Db, ctx: Ctx, operatorId: string, input: CertificateInput, examSessionId: string) {
    const values = await certificateValues(tx, input, 'certificate');
    await assertCertificateNoFree(tx, values.certificateNo, 'certificateNo');
    const [cert] = await tx.insert(operatorCertificates).values({ ...values, operatorId, examSessionId }).returning({ id: operatorCertificates.id });
    await bump(tx, operatorId);
    await audit.record(tx, ctx, { action: 'operator_certificate.added', targetType: 'operator_certificate', targetId: cert!.id, after: { operatorId, ...values, examSessionId } });
    return cert!.id;
  }

  const exams = makeExams(deps, {
    enterpriseFor,
    workItemOf,
    findOperator: (tx, actor, id) => find(tx, actor, id),
    lockOperator: (tx, actor, id) => lock(tx, actor, id),
    issue,
    renew,
  });
  const emergency = makeEmergencyRecords(deps, { enterpriseFor });

  return { ...service, exams, emergency };
}

const expiringColumns = {
  id: operatorCertificates.id,
  operatorId: equipmentOperators.id,
  operatorName: equipmentOperators.name,
  idNumber: equipmentOperators.idNumberMasked,
  employerUscc: equipmentOperators.employerUscc,
  employerName: enterprises.name,
  regionCode: equipmentOperators.regionCode,
  workItem: operatorCertificates.workItem,
  workItemName: operatorWorkItems.name,
  certificateNo: operatorCertificates.certificateNo,
  issuedOn: operatorCertificates.issuedOn,
  expiresOn: operatorCertificates.expiresOn,
};

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export type OperatorsService = ReturnType<typeof makeOperatorsService>;
/** The certified-operator rate (持证上岗率) for the dashboard: see coverage.ts. */
export { certifiedOperatorRate, type CertifiedOperatorRate } from './coverage.js';
/** Helpers the exam and emergency parts take from the operators service. */
export type EnterpriseFor = (tx: Db, actor: Actor, uscc: string, field: string, label: string) => Promise<{ uscc: string; name: string; regionCode: string }>;
