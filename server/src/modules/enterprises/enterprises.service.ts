import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction, nextVersion } from '../../db/sql.js';
import type { Actor, RequestContext } from '../../platform/access/actor.js';
import { regionWithin } from '../../platform/access/scope.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../platform/http/etag.js';
import { regions } from '../../platform/jurisdiction/jurisdiction.schema.js';
import type { JurisdictionService } from '../../platform/jurisdiction/jurisdiction.service.js';
import { type FieldProblem, checkCellText, fieldError } from '../../platform/validation/fields.js';
import { checkDate, checkDigitProblem, checkIndustry, checkRegion, checkStatus, checkUscc } from './enterprise-fields.js';
import { type Contact, type EnterpriseStatus, enterpriseHistory, enterpriseImports, enterprises } from './enterprises.schema.js';
import { enterpriseColumns, makeEnterpriseSearch, scopeOf } from './search.js';
import { normalizeUscc } from './uscc.js';

export interface EnterpriseInput {
  name: string;
  regionCode: string;
  legalRepresentative?: string | null;
  address?: string | null;
  industryCode?: string | null;
  status?: EnterpriseStatus;
  establishedOn?: string | null;
  contacts?: Contact[];
  tags?: string[];
}

export interface CreateEnterpriseInput extends EnterpriseInput {
  uscc: string;
  usccOverride?: { reason: string };
}

/** Fields whose changes make an enterprise's history (and what an import compares). */
export const TRACKED_FIELDS = ['name', 'legalRepresentative', 'address', 'regionCode', 'industryCode', 'status', 'establishedOn', 'contacts', 'tags', 'creditClass'] as const;

/** Validates the editable fields; the first problem becomes a 400. */
function validate(input: Partial<EnterpriseInput>, resolveRegion: (c: string) => string | null) {
  const out: Partial<typeof enterprises.$inferInsert> = {};
  const take = <T>(r: { ok: true; value: T } | { ok: false; problem: FieldProblem }): T => {
    if (!r.ok) throw fieldError(r.problem);
    return r.value;
  };
  if (input.name !== undefined) out.name = take(checkCellText(input.name, 'name', '企业名称', { required: true, max: 200 }))!;
  if (input.legalRepresentative !== undefined) out.legalRepresentative = take(checkCellText(input.legalRepresentative, 'legalRepresentative', '法定代表人', { max: 50 }));
  if (input.address !== undefined) out.address = take(checkCellText(input.address, 'address', '住所', { max: 300 }));
  if (input.regionCode !== undefined) out.regionCode = take(checkRegion(input.regionCode, resolveRegion));
  if (input.industryCode !== undefined) out.industryCode = take(checkIndustry(input.industryCode));
  if (input.status !== undefined) out.status = take(checkStatus(input.status)) ?? 'active';
  if (input.establishedOn !== undefined) out.establishedOn = take(checkDate(input.establishedOn));
  if (input.contacts !== undefined) out.contacts = input.contacts.map((c) => ({ ...c, name: c.name.trim() }));
  if (input.tags !== undefined) out.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  return out;
}

type EnterpriseRow = Awaited<ReturnType<ReturnType<typeof makeEnterprisesService>['get']>>;

/** Field-by-field differences between two versions, for the history tab. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  return TRACKED_FIELDS.filter((f) => JSON.stringify(before?.[f] ?? null) !== JSON.stringify(after?.[f] ?? null)).map((field) => ({
    field,
    before: before?.[field] ?? null,
    after: after?.[field] ?? null,
  }));
}

const snapshot = (e: EnterpriseRow) => Object.fromEntries(TRACKED_FIELDS.map((f) => [f, e[f]]));

export function makeEnterprisesService(deps: { db: Db; audit: AuditService; jurisdiction: JurisdictionService }) {
  const { db, audit } = deps;

  /**
   * What an enterprise's own account (企业端) reads of its entry: not the bureau's internal
   * supervision data — the credit-risk class (国市监信发〔2022〕6号) and the bureau's tags.
   */
  const INTERNAL_FIELDS = ['creditClass', 'tags'];
  const forReader = <T extends { creditClass: unknown; tags: unknown }>(actor: Actor, row: T): T => (actor.enterpriseUscc ? { ...row, creditClass: null, tags: [] } : row);

  /** `lock`: the enterprise's row is locked until the transaction ends, and the newest committed version is read. */
  async function find(tx: Db, actor: Actor | null, rawUscc: string, lock = false) {
    const query = tx
      .select(enterpriseColumns)
      .from(enterprises)
      .leftJoin(regions, eq(regions.code, enterprises.regionCode))
      .where(and(eq(enterprises.uscc, normalizeUscc(rawUscc)), actor ? scopeOf(actor) : undefined));
    const [row] = await (lock ? query.for('update', { of: enterprises }) : query);
    if (!row) throw notFound('企业');
    return row;
  }

  function assertInScope(actor: Actor, regionCode: string) {
    if (actor.dataScope !== 'all' && !regionWithin(regionCode, actor.regionCode)) throw forbidden('不能登记或迁入本辖区以外的企业');
  }

  async function recordChange(tx: Db, ctx: RequestContext, id: string, uscc: string, before: EnterpriseRow | null, after: EnterpriseRow) {
    const b = before && snapshot(before);
    const a = snapshot(after);
    const action = before ? 'updated' : 'created';
    // The clock at the insert, after the row lock: changes of one enterprise list in the order they were made.
    await tx.insert(enterpriseHistory).values({ enterpriseId: id, at: sql`clock_timestamp()`, actorId: ctx.actor?.userId ?? null, actorName: ctx.actor?.name ?? 'system', source: 'form', action, before: b, after: a });
    await audit.record(tx, ctx, { action: `enterprise.${action}`, targetType: 'enterprise', targetId: uscc, before: b, after: a });
  }

  return {
    /** A page of the search; `total` is exact up to EXACT_COUNT_LIMIT matches, estimated above (`totalExact: false`). */
    list: makeEnterpriseSearch(db),

    get: async (actor: Actor | null, uscc: string) => {
      const row = await find(db, actor, uscc);
      return actor ? forReader(actor, row) : row;
    },

    async create(ctx: RequestContext & { actor: Actor }, input: CreateEnterpriseInput) {
      const code = checkUscc(input.uscc);
      if (!code.ok) throw fieldError(code.problem);
      const { uscc, checkDigitFailed } = code.value;
      let overrideReason: string | null = null;
      if (checkDigitFailed) {
        if (!input.usccOverride) throw fieldError(checkDigitProblem(uscc));
        if (!ctx.actor.permissions.has('enterprise.uscc_override')) throw forbidden('无权登记校验位不符的信用代码');
        overrideReason = input.usccOverride.reason.trim();
        if (!overrideReason) throw new AppError('VALIDATION', '登记校验位不符的信用代码须说明理由', 400, { field: 'usccOverride.reason' });
      }
      const fields = validate(input, await deps.jurisdiction.regionResolver());
      assertInScope(ctx.actor, fields.regionCode!);
      return inTransaction(db, async (tx) => {
        const [exists] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.uscc, uscc));
        if (exists) throw new AppError('DUPLICATE', `统一社会信用代码 ${uscc} 已登记`, 409, { field: 'uscc' });
        const [row] = await tx
          .insert(enterprises)
          .values({ ...fields, uscc, name: fields.name!, regionCode: fields.regionCode!, usccOverrideReason: overrideReason })
          .returning({ id: enterprises.id });
        const created = await find(tx, null, uscc);
        await recordChange(tx, ctx, row!.id, uscc, null, created);
        if (overrideReason) {
          await audit.record(tx, ctx, { action: 'enterprise.uscc_override', targetType: 'enterprise', targetId: uscc, after: { reason: overrideReason } });
        }
        return created;
      });
    },

    /**
     * Changes the given fields. The row is locked before it is read, so the history's "before" is
     * the version this change replaces; `expected` (If-Match) must name that version (else 412).
     */
    async update(ctx: RequestContext & { actor: Actor }, rawUscc: string, input: Partial<EnterpriseInput>, expected?: ExpectedVersion) {
      const fields = validate(input, await deps.jurisdiction.regionResolver());
      if (fields.regionCode) assertInScope(ctx.actor, fields.regionCode);
      return inTransaction(db, async (tx) => {
        const before = await find(tx, ctx.actor, rawUscc, true);
        assertVersion(expected, before.version);
        await tx.update(enterprises).set({ ...fields, version: nextVersion(enterprises.version), updatedAt: new Date() }).where(eq(enterprises.id, before.id));
        const after = await find(tx, null, before.uscc);
        if (diff(snapshot(before), snapshot(after)).length > 0) await recordChange(tx, ctx, before.id, before.uscc, before, after);
        return after;
      });
    },

    /** Newest first; each entry lists the fields it changed. */
    async history(actor: Actor, rawUscc: string) {
      const enterprise = await find(db, actor, rawUscc);
      const rows = await db.select().from(enterpriseHistory).where(eq(enterpriseHistory.enterpriseId, enterprise.id)).orderBy(desc(enterpriseHistory.at), desc(enterpriseHistory.id));
      const items = rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorName: r.actorName,
        source: r.source,
        action: r.action,
        changes: diff(r.before as Record<string, unknown> | null, r.after as Record<string, unknown>).filter((c) => !actor.enterpriseUscc || !INTERNAL_FIELDS.includes(c.field)),
      }));
      // Created by an import: the import record is the first entry.
      const [creation] = await db
        .select({ id: enterpriseImports.id, at: enterpriseImports.at, actorName: enterpriseImports.actorName })
        .from(enterprises)
        .innerJoin(enterpriseImports, eq(enterpriseImports.id, enterprises.importId))
        .where(eq(enterprises.id, enterprise.id));
      if (creation) items.push({ ...creation, source: 'import', action: 'created', changes: [] });
      return { items, total: items.length };
    },
  };
}

export type EnterprisesService = ReturnType<typeof makeEnterprisesService>;
