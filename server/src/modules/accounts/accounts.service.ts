import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../db/sql.js';
import type { Actor, RequestContext } from '../../platform/access/actor.js';
import { visibleTo } from '../../platform/access/scope.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import { generatePassword } from '../../platform/auth/password.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../platform/http/etag.js';
import { type Page, offsetOf } from '../../platform/http/schemas.js';
import type { JurisdictionService } from '../../platform/jurisdiction/jurisdiction.service.js';
import { type PersonalData, maskName, maskPhone } from '../../platform/secrets/personal-data.js';
import type { TodosService } from '../../platform/todos/todos.service.js';
import { users } from '../../platform/users/users.schema.js';
import { type UsersService, checkUsername } from '../../platform/users/users.service.js';
import { isPhone, phoneOf } from '../../platform/validation/phone.js';
import { invalid, requireText } from '../../platform/validation/fields.js';
import { enterprises, normalizeUscc, usccProblem } from '../enterprises/index.js';
import { type AccountRequestStatus, enterpriseAccountRequests, enterpriseAccounts } from './accounts.schema.js';

/** Default most accounts one enterprise may hold (ZJ_ENTERPRISE_ACCOUNTS_MAX). */
export const DEFAULT_MAX_ACCOUNTS = 5;

/** The to-do of a pending application, for the competent county bureau's officers who may decide it. */
export const REQUEST_TODO_KIND = 'enterprise_account.request';

/** Names as registries write them: full-width brackets and spaces are the same name. */
const sameName = (a: string, b: string) => {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
  return norm(a) === norm(b);
};

/** A request number: random (it is the only key to the public status answer), readable over the phone. */
const newRequestNo = () => {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return `QY${Array.from(randomBytes(12), (b) => alphabet[b % 32]).join('')}`;
};

export interface AccountInput {
  uscc: string;
  username: string;
  displayName: string;
  phone?: string | null;
}

export interface AccountRequestInput {
  uscc: string;
  enterpriseName: string;
  applicantName: string;
  phone: string;
  username: string;
}

function checkPhone(phone: string | null | undefined, field = 'phone') {
  const value = phoneOf(phone ?? '');
  if (!value) return null;
  if (!isPhone(value)) throw invalid(field, '电话应为 11 位手机号或带区号的固定电话（如 0517-83601234）');
  return value;
}

/**
 * Enterprises' accounts (企业端): officers make them for enterprises in their scope (the initial
 * password shown once, changed at first sign-in) and disable or reset them; enterprises apply on
 * the public site and the competent county bureau decides. An enterprise holds at most
 * `maxAccounts` active accounts. Every step is audited; phones and applicants' names are sealed
 * personal data, masked in every list.
 */
export function makeAccountsService(deps: { db: Db; audit: AuditService; users: UsersService; jurisdiction: JurisdictionService; todos: TodosService; personal: PersonalData; maxAccounts?: number }) {
  const { db, audit, personal } = deps;
  const maxAccounts = deps.maxAccounts ?? DEFAULT_MAX_ACCOUNTS;

  const accountColumns = {
    userId: users.id,
    username: users.username,
    displayName: users.displayName,
    active: users.active,
    mustChangePassword: users.mustChangePassword,
    lastLoginAt: users.lastLoginAt,
    version: users.version,
    uscc: enterpriseAccounts.uscc,
    enterpriseName: enterprises.name,
    regionCode: enterpriseAccounts.regionCode,
    phoneSealed: enterpriseAccounts.phoneSealed,
    requestId: enterpriseAccounts.requestId,
    createdByName: enterpriseAccounts.createdByName,
    createdAt: enterpriseAccounts.createdAt,
  };
  const accountView = <T extends { phoneSealed: string | null }>({ phoneSealed, ...row }: T) => ({ ...row, phone: phoneSealed ? maskPhone(personal.open(phoneSealed)) : null });

  const accountsQuery = (tx: Db) => tx.select(accountColumns).from(enterpriseAccounts).innerJoin(users, eq(users.id, enterpriseAccounts.userId)).leftJoin(enterprises, eq(enterprises.uscc, enterpriseAccounts.uscc));

  /** The enterprise in the actor's scope (null actor: anyone's), or 404. */
  async function enterpriseFor(tx: Db, actor: Actor | null, uscc: string) {
    const [row] = await tx
      .select({ uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode })
      .from(enterprises)
      .where(and(eq(enterprises.uscc, uscc), actor ? visibleTo(actor, { regionCode: enterprises.regionCode, uscc: enterprises.uscc }) : undefined));
    if (!row) throw notFound('企业');
    return row;
  }

  /** Makes an account for an enterprise whose creation the caller has checked; the enterprise's accounts are counted under a lock. */
  async function makeAccount(tx: Db, ctx: RequestContext & { actor: Actor }, enterprise: { uscc: string; regionCode: string }, input: { username: string; displayName: string; phone: string | null; requestId?: string }) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`enterprise-accounts:${enterprise.uscc}`}))`);
    const [count] = await tx
      .select({ n: countAll })
      .from(enterpriseAccounts)
      .innerJoin(users, eq(users.id, enterpriseAccounts.userId))
      .where(and(eq(enterpriseAccounts.uscc, enterprise.uscc), eq(users.active, true)));
    if ((count?.n ?? 0) >= maxAccounts) throw new AppError('ACCOUNT_LIMIT', `该企业已有 ${maxAccounts} 个启用的账号，请先停用不再使用的账号`, 409, { max: maxAccounts });
    const bureau = await deps.jurisdiction.competentBureau(enterprise.regionCode, tx);
    const initialPassword = generatePassword();
    const user = await deps.users.create(ctx, { username: input.username, password: initialPassword, displayName: input.displayName, orgId: bureau.id, roles: ['enterprise'], mustChangePassword: true, enterprise }, tx);
    await tx.insert(enterpriseAccounts).values({ userId: user.id, uscc: enterprise.uscc, regionCode: enterprise.regionCode, phoneSealed: input.phone ? personal.seal(input.phone) : null, requestId: input.requestId ?? null, createdByName: ctx.actor.name });
    await audit.record(tx, ctx, { action: 'enterprise_account.created', targetType: 'user', targetId: user.id, after: { uscc: enterprise.uscc, username: user.username, phone: input.phone ? maskPhone(input.phone) : null, requestId: input.requestId ?? null } });
    const [row] = await accountsQuery(tx).where(eq(users.id, user.id));
    return { user: accountView(row!), initialPassword };
  }

  /** An enterprise account in the actor's scope, its row locked; 404 otherwise (staff users are not reachable here). */
  async function accountFor(tx: Db, actor: Actor, userId: string) {
    const [row] = await accountsQuery(tx)
      .where(and(eq(enterpriseAccounts.userId, userId), visibleTo(actor, { regionCode: enterpriseAccounts.regionCode, uscc: enterpriseAccounts.uscc })))
      .for('update', { of: enterpriseAccounts });
    if (!row) throw notFound('企业账号');
    return row;
  }

  const requestColumns = {
    id: enterpriseAccountRequests.id,
    requestNo: enterpriseAccountRequests.requestNo,
    uscc: enterpriseAccountRequests.uscc,
    enterpriseName: enterpriseAccountRequests.enterpriseName,
    regionCode: enterpriseAccountRequests.regionCode,
    orgId: enterpriseAccountRequests.orgId,
    applicantNameSealed: enterpriseAccountRequests.applicantNameSealed,
    phoneSealed: enterpriseAccountRequests.phoneSealed,
    username: enterpriseAccountRequests.username,
    status: enterpriseAccountRequests.status,
    note: enterpriseAccountRequests.note,
    decidedAt: enterpriseAccountRequests.decidedAt,
    decidedByName: enterpriseAccountRequests.decidedByName,
    userId: enterpriseAccountRequests.userId,
    version: enterpriseAccountRequests.version,
    createdAt: enterpriseAccountRequests.createdAt,
  };
  const requestView = <T extends { applicantNameSealed: string; phoneSealed: string }>({ applicantNameSealed, phoneSealed, ...row }: T) => ({ ...row, applicantName: maskName(personal.open(applicantNameSealed)), phone: maskPhone(personal.open(phoneSealed)) });
  const requestScope = (actor: Actor) => visibleTo(actor, { regionCode: enterpriseAccountRequests.regionCode, orgId: enterpriseAccountRequests.orgId });

  async function requestFor(tx: Db, actor: Actor, id: string, lock = false) {
    const query = tx.select(requestColumns).from(enterpriseAccountRequests).where(and(eq(enterpriseAccountRequests.id, id), requestScope(actor)));
    const [row] = await (lock ? query.for('update') : query);
    if (!row) throw notFound('账号申请');
    return row;
  }

  return {
    /** An officer makes an account for an enterprise in their scope: 201 with the initial password, shown this once. */
    async create(ctx: RequestContext & { actor: Actor }, input: AccountInput) {
      const uscc = normalizeUscc(input.uscc ?? '');
      const username = checkUsername(input.username);
      const displayName = requireText(input.displayName, 'displayName', '姓名', 50);
      const phone = checkPhone(input.phone);
      return inTransaction(db, async (tx) => makeAccount(tx, ctx, await enterpriseFor(tx, ctx.actor, uscc), { username, displayName, phone }));
    },

    /** Accounts of enterprises in the actor's scope, by enterprise then username (phones masked). */
    async list(actor: Actor, filter: { uscc?: string }, page: Page) {
      const where = and(visibleTo(actor, { regionCode: enterpriseAccounts.regionCode, uscc: enterpriseAccounts.uscc }), filter.uscc ? eq(enterpriseAccounts.uscc, normalizeUscc(filter.uscc)) : undefined);
      const [items, [count]] = await Promise.all([
        accountsQuery(db).where(where).orderBy(asc(enterpriseAccounts.uscc), asc(users.username), asc(users.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(enterpriseAccounts).where(where),
      ]);
      return { items: items.map(accountView), total: count?.n ?? 0 };
    },

    /** Disables (or enables again) an enterprise's account; disabling ends its sessions at once. */
    async setActive(ctx: RequestContext & { actor: Actor }, userId: string, active: boolean, expected?: ExpectedVersion) {
      await inTransaction(db, async (tx) => {
        const account = await accountFor(tx, ctx.actor, userId);
        if (active && !account.active) {
          // Enabling again counts against the limit like a new account.
          const [count] = await tx.select({ n: countAll }).from(enterpriseAccounts).innerJoin(users, eq(users.id, enterpriseAccounts.userId)).where(and(eq(enterpriseAccounts.uscc, account.uscc), eq(users.active, true)));
          if ((count?.n ?? 0) >= maxAccounts) throw new AppError('ACCOUNT_LIMIT', `该企业已有 ${maxAccounts} 个启用的账号`, 409, { max: maxAccounts });
        }
        await deps.users.update(ctx, userId, { active }, expected, tx);
      });
      return inTransaction(db, async (tx) => accountView(await accountFor(tx, ctx.actor, userId)));
    },

    /** A new initial password for an enterprise's account (its sessions end; changed at the next sign-in), shown this once. */
    async resetPassword(ctx: RequestContext & { actor: Actor }, userId: string, expected?: ExpectedVersion) {
      await inTransaction(db, (tx) => accountFor(tx, ctx.actor, userId));
      const initialPassword = generatePassword();
      await deps.users.resetPassword(ctx, userId, initialPassword, true, expected);
      return { initialPassword };
    },

    /**
     * An application from the public site: the USCC must be valid and registered under the given
     * name (ENTERPRISE_MISMATCH otherwise, never telling the registered name). Whether the username
     * is free is not said here; a clash is settled at the decision. A to-do goes to the officers of
     * the competent county bureau.
     */
    async apply(ctx: RequestContext, input: AccountRequestInput) {
      const uscc = normalizeUscc(input.uscc ?? '');
      const problem = usccProblem(uscc);
      if (problem) throw new AppError(problem.code, problem.message, 400, { field: 'uscc' });
      const enterpriseName = requireText(input.enterpriseName, 'enterpriseName', '企业名称', 200);
      const applicantName = requireText(input.applicantName, 'applicantName', '申请人姓名', 50);
      const phone = checkPhone(input.phone);
      if (!phone) throw invalid('phone', '请填写申请人电话');
      const username = checkUsername(input.username);
      return inTransaction(db, async (tx) => {
        const [enterprise] = await tx.select({ uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode }).from(enterprises).where(eq(enterprises.uscc, uscc));
        if (!enterprise || !sameName(enterprise.name, enterpriseName)) throw new AppError('ENTERPRISE_MISMATCH', '统一社会信用代码与企业名称不一致，请按营业执照填写', 400);
        const bureau = await deps.jurisdiction.competentBureau(enterprise.regionCode, tx);
        const requestNo = newRequestNo();
        const [row] = await tx
          .insert(enterpriseAccountRequests)
          .values({ requestNo, uscc, enterpriseName: enterprise.name, regionCode: enterprise.regionCode, orgId: bureau.id, applicantNameSealed: personal.seal(applicantName), phoneSealed: personal.seal(phone), username })
          .returning({ id: enterpriseAccountRequests.id });
        await deps.todos.raise(tx, REQUEST_TODO_KIND, [
          {
            key: `${REQUEST_TODO_KIND}:${row!.id}`,
            subjectType: 'enterprise_account_request',
            subjectId: row!.id,
            title: `企业账号申请待审核：${enterprise.name}`,
            params: { enterprise: enterprise.name },
            link: `/enterprise-accounts/requests/${row!.id}`,
            dueOn: null,
            orgId: bureau.id,
            sectionId: null,
            permission: 'enterprise_account.write',
            regionCode: enterprise.regionCode,
          },
        ]);
        await audit.record(tx, ctx, { action: 'enterprise_account.requested', targetType: 'enterprise_account_request', targetId: row!.id, after: { uscc, requestNo, applicantName: maskName(applicantName), phone: maskPhone(phone), username } });
        return { requestNo };
      });
    },

    /** The public answer to an applicant: the status and the officer's note, nothing else. */
    async requestStatus(requestNo: string) {
      const [row] = await db.select({ status: enterpriseAccountRequests.status, note: enterpriseAccountRequests.note }).from(enterpriseAccountRequests).where(eq(enterpriseAccountRequests.requestNo, requestNo.trim().toUpperCase()));
      if (!row) throw notFound('账号申请');
      return { status: row.status, ...(row.note ? { note: row.note } : {}) };
    },

    /** Applications in the actor's scope, newest first (applicants' names and phones masked). */
    async listRequests(actor: Actor, filter: { status?: AccountRequestStatus }, page: Page) {
      const where = and(requestScope(actor), filter.status ? eq(enterpriseAccountRequests.status, filter.status) : undefined);
      const [items, [count]] = await Promise.all([
        db.select(requestColumns).from(enterpriseAccountRequests).where(where).orderBy(sql`${enterpriseAccountRequests.createdAt} desc`, asc(enterpriseAccountRequests.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(enterpriseAccountRequests).where(where),
      ]);
      return { items: items.map(requestView), total: count?.n ?? 0 };
    },

    getRequest: async (actor: Actor, id: string) => requestView(await requestFor(db, actor, id)),

    /** The applicant's name and phone in full, for calling them back: audited as a reveal. */
    async revealApplicant(ctx: RequestContext & { actor: Actor }, id: string) {
      return inTransaction(db, async (tx) => {
        const row = await requestFor(tx, ctx.actor, id);
        await audit.record(tx, ctx, { action: 'personal_data.revealed', targetType: 'enterprise_account_request', targetId: id, after: { fields: ['applicantName', 'phone'] } });
        return { applicantName: personal.open(row.applicantNameSealed), phone: personal.open(row.phoneSealed) };
      });
    },

    /**
     * Approves (the account is made, its initial password returned once) or refuses an application
     * with a note. A username taken meanwhile is refused with USERNAME_TAKEN: the officer may
     * approve with another `username` and say so in the note.
     */
    async decide(ctx: RequestContext & { actor: Actor }, id: string, input: { approve: boolean; note?: string | null; username?: string | null }, expected?: ExpectedVersion) {
      if (typeof input.approve !== 'boolean') throw invalid('approve', '请选择批准或不予批准');
      const note = input.note?.trim() ? requireText(input.note, 'note', '说明', 500) : null;
      if (!input.approve && !note) throw invalid('note', '不予批准时请说明理由');
      return inTransaction(db, async (tx) => {
        const request = await requestFor(tx, ctx.actor, id, true);
        assertVersion(expected, request.version);
        if (request.status !== 'pending') throw new AppError('REQUEST_DECIDED', '该申请已处理', 409);
        let made: Awaited<ReturnType<typeof makeAccount>> | null = null;
        if (input.approve) {
          const username = input.username ? checkUsername(input.username) : request.username;
          const enterprise = await enterpriseFor(tx, ctx.actor, request.uscc);
          made = await makeAccount(tx, ctx, enterprise, { username, displayName: personal.open(request.applicantNameSealed), phone: personal.open(request.phoneSealed), requestId: request.id });
        }
        await tx
          .update(enterpriseAccountRequests)
          .set({ status: input.approve ? 'approved' : 'refused', note, decidedAt: new Date(), decidedByName: ctx.actor.name, userId: made?.user.userId ?? null, version: nextVersion(enterpriseAccountRequests.version) })
          .where(eq(enterpriseAccountRequests.id, id));
        await deps.todos.resolve(tx, `${REQUEST_TODO_KIND}:${id}`);
        await audit.record(tx, ctx, { action: 'enterprise_account.request_decided', targetType: 'enterprise_account_request', targetId: id, after: { approve: input.approve, note, userId: made?.user.userId ?? null } });
        const decided = requestView(await requestFor(tx, ctx.actor, id));
        return made ? { ...decided, initialPassword: made.initialPassword } : decided;
      });
    },
  };
}

export type AccountsService = ReturnType<typeof makeAccountsService>;
