// The register of testing institutions (承检机构) and their accounts.
import { type SQL, and, asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../../../platform/users/users.schema.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import type { Ctx } from '../spotchecks.deps.js';
import { spotcheckInstitutions } from '../spotchecks.schema.js';
import { INSTITUTION_ORG_REGION, type InstitutionCore, type InstitutionFilter, type InstitutionInput, type InstitutionsDeps, accountCount, getColumns } from './institutions.shared.js';

const USCC_RE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const CODE_RE = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;

/** A unique-index violation (PostgreSQL 23505). */
const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && ((err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505');

export function makeInstitutionRegister(deps: InstitutionsDeps, { views, findInstitution, viewOf, myInstitution }: InstitutionCore) {
  const { db, audit } = deps;

  function checkInput(input: InstitutionInput) {
    const name = requireText(input.name, 'name', '机构名称', 100);
    const uscc = input.uscc?.trim().toUpperCase() || null;
    if (uscc && !USCC_RE.test(uscc)) throw invalid('uscc', '统一社会信用代码应为 18 位数字或大写字母');
    const cmaNo = requireText(input.cmaNo, 'cmaNo', 'CMA 证书编号', 60);
    const cmaScope = [...new Set(input.cmaScope.map((c) => c.trim().toUpperCase()).filter(Boolean))].sort();
    const bad = cmaScope.find((c) => !CODE_RE.test(c));
    if (bad) throw invalid('cmaScope', `产品代码“${bad}”格式不正确`);
    const cmaValidUntil = requireDate(input.cmaValidUntil, 'cmaValidUntil', 'CMA 有效期');
    if (!Number.isInteger(input.capacity) || input.capacity < 0) throw invalid('capacity', '每季度检验能力应为不小于 0 的整数（批次）');
    if (!Number.isInteger(input.price) || input.price < 0) throw invalid('price', '每批次检验价格应为不小于 0 的整数（元）');
    const contact = input.contact?.trim() || null;
    if (contact && contact.length > 200) throw invalid('contact', '联系方式不能超过 200 个字');
    return { name, uscc, local: input.local, cmaNo, cmaScope, cmaValidUntil, capacity: input.capacity, price: input.price, contact, active: input.active ?? true };
  }

  const nameTaken = (name: string) => new AppError('INSTITUTION_NAME_TAKEN', `已有名为“${name}”的承检机构`, 409, { field: 'name' });

  return {
    async list(filter: InstitutionFilter, page: Page) {
      const conds: (SQL | undefined)[] = [];
      if (filter.q?.trim()) {
        const p = `%${escapeLike(filter.q.trim())}%`;
        conds.push(or(ilike(spotcheckInstitutions.name, p), ilike(spotcheckInstitutions.cmaNo, p), ilike(spotcheckInstitutions.uscc, p)));
      }
      if (filter.local !== undefined) conds.push(eq(spotcheckInstitutions.local, filter.local));
      if (filter.active !== undefined) conds.push(eq(spotcheckInstitutions.active, filter.active));
      const where = and(...conds);
      const [rows, [count]] = await Promise.all([
        db.select({ ...getColumns(), accountCount }).from(spotcheckInstitutions).where(where).orderBy(desc(spotcheckInstitutions.active), asc(spotcheckInstitutions.name), asc(spotcheckInstitutions.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(spotcheckInstitutions).where(where),
      ]);
      return { items: await views(db, rows), total: count?.n ?? 0 };
    },

    get: (id: string) => viewOf(db, id),

    async create(ctx: Ctx, input: InstitutionInput) {
      const values = checkInput(input);
      try {
        return await inTransaction(db, async (tx) => {
          const [row] = await tx.insert(spotcheckInstitutions).values(values).returning();
          const after = await viewOf(tx, row!.id);
          await audit.record(tx, ctx, { action: 'spotcheck_institution.created', targetType: 'spotcheck_institution', targetId: row!.id, after });
          return after;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(values.name);
        throw err;
      }
    },

    async update(ctx: Ctx, id: string, input: Partial<InstitutionInput>, expected?: ExpectedVersion) {
      try {
        return await inTransaction(db, async (tx) => {
          const before = await findInstitution(tx, id, true);
          assertVersion(expected, before.version);
          const values = checkInput({ ...before, ...input } as InstitutionInput);
          await tx.update(spotcheckInstitutions).set({ ...values, version: nextVersion(spotcheckInstitutions.version), updatedAt: new Date() }).where(eq(spotcheckInstitutions.id, id));
          const after = await viewOf(tx, id);
          await audit.record(tx, ctx, { action: 'spotcheck_institution.updated', targetType: 'spotcheck_institution', targetId: id, before, after });
          return after;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(input.name?.trim() ?? '');
        throw err;
      }
    },

    /** The account's own institution with its record (403 NOT_INSTITUTION for anyone else; 404 while its org is no registered institution). */
    async mine(actor: Actor) {
      const inst = await myInstitution(db, actor);
      return viewOf(db, inst.id);
    },

    // ---- accounts ----------------------------------------------------------------------------

    async listAccounts(id: string) {
      const inst = await findInstitution(db, id);
      if (!inst.orgId) return { items: [], total: 0 };
      const items = await db
        .select({ id: users.id, username: users.username, displayName: users.displayName, active: users.active, mustChangePassword: users.mustChangePassword, lastLoginAt: users.lastLoginAt, createdAt: users.createdAt })
        .from(users)
        .where(eq(users.orgId, inst.orgId))
        .orderBy(asc(users.username), asc(users.id));
      return { items, total: items.length };
    },

    /**
     * Makes an account (role `institution`) for the institution; the first one also makes the
     * institution's org (type `institution`, region 320800 even for an institution outside the
     * city, under the city bureau), or links an unlinked `institution` org of the same name. The
     * password is an initial one, changed at first sign-in. Holders of `spotcheck.configure` may
     * grant the role (`holdsForGranting`).
     */
    async createAccount(ctx: Ctx, id: string, input: { username: string; displayName: string; password: string }) {
      let inst = await findInstitution(db, id);
      // Checked before the org is made, so that a bad or taken username makes nothing.
      await deps.users.assertUsernameFree(input.username);
      if (!inst.orgId) {
        const root = await deps.jurisdiction.rootOrg();
        const [existing] = await db
          .select({ id: orgs.id })
          .from(orgs)
          .where(and(eq(orgs.type, 'institution'), eq(orgs.name, inst.name), root ? eq(orgs.parentId, root.id) : undefined, sql`not exists (select 1 from ${spotcheckInstitutions} i where i.org_id = ${orgs.id})`));
        const orgId = existing?.id ?? (await deps.jurisdiction.createOrg(ctx, { name: inst.name, type: 'institution', regionCode: INSTITUTION_ORG_REGION })).id;
        await inTransaction(db, async (tx) => {
          const locked = await findInstitution(tx, id, true);
          if (locked.orgId) return;
          await tx.update(spotcheckInstitutions).set({ orgId, version: nextVersion(spotcheckInstitutions.version), updatedAt: new Date() }).where(eq(spotcheckInstitutions.id, id));
          await audit.record(tx, ctx, { action: 'spotcheck_institution.org_linked', targetType: 'spotcheck_institution', targetId: id, before: { orgId: null }, after: { orgId } });
        });
        inst = await findInstitution(db, id);
      }
      return inTransaction(db, async (tx) => {
        const user = await deps.users.create(ctx, { username: input.username, displayName: input.displayName, password: input.password, orgId: inst.orgId!, roles: ['institution'], mustChangePassword: true }, tx);
        await audit.record(tx, ctx, { action: 'spotcheck_institution.account_created', targetType: 'spotcheck_institution', targetId: id, after: { userId: user.id, username: user.username } });
        return { id: user.id, username: user.username, displayName: user.displayName, active: user.active, mustChangePassword: user.mustChangePassword, lastLoginAt: user.lastLoginAt, createdAt: user.createdAt };
      });
    },
  };
}
