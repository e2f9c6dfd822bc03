import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../db/sql.js';
import type { Actor, RequestContext } from '../../platform/access/actor.js';
import { enterpriseOf } from '../../platform/access/enterprise-self.js';
import { visibleTo } from '../../platform/access/scope.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import { todayInChina } from '../../platform/calendar/dates.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../platform/http/etag.js';
import { type Page, offsetOf } from '../../platform/http/schemas.js';
import { invalid, requireDate, requireText } from '../../platform/validation/fields.js';
import { enterprises, normalizeUscc } from '../enterprises/index.js';
import { COMMITMENT_KINDS, type CommitmentKind, commitmentTemplates, commitments } from './commitments.schema.js';

/** Most characters of a commitment's (and a template's) text. */
export const COMMITMENT_TEXT_MAX = 2000;
/** Most characters of the signatory's name (the legal representative, 法定代表人). */
export const SIGNED_BY_MAX = 50;
/** Most characters of a template's title. */
export const TEMPLATE_TITLE_MAX = 100;

export interface CommitmentInput {
  kind: CommitmentKind;
  text: string;
  signedBy: string;
  signedOn: string;
}

export interface TemplateInput {
  title: string;
  text: string;
}

const isKind = (kind: unknown): kind is CommitmentKind => typeof kind === 'string' && (COMMITMENT_KINDS as readonly string[]).includes(kind);

/**
 * Public quality commitments (质量安全公开承诺, seed §四1). An enterprise's own accounts make them
 * (`enterprise_self.commit`, and the actor must be an enterprise account: administrators hold every
 * key but are no enterprise) and withdraw them; a withdrawn commitment keeps its row with the day
 * it was withdrawn. Officers read those of enterprises in their scope; active ones are on the
 * enterprise's public record (enterprises/public-lookup.ts, through `PUBLIC_COMMITMENTS_OF_E`).
 * Templates per kind are what an enterprise starts from; administrators edit them. Every change is
 * audited in its own transaction.
 */
export function makeCommitmentsService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  const columns = {
    id: commitments.id,
    uscc: commitments.uscc,
    enterpriseName: enterprises.name,
    regionCode: commitments.regionCode,
    kind: commitments.kind,
    text: commitments.text,
    signedBy: commitments.signedBy,
    signedOn: commitments.signedOn,
    withdrawnOn: commitments.withdrawnOn,
    version: commitments.version,
    createdAt: commitments.createdAt,
    updatedAt: commitments.updatedAt,
  };
  const query = (tx: Db) => tx.select(columns).from(commitments).leftJoin(enterprises, eq(enterprises.uscc, commitments.uscc));

  /** The enterprise an enterprise account acts for; staff (administrators too) get 403. */
  const templateColumns = { kind: commitmentTemplates.kind, title: commitmentTemplates.title, text: commitmentTemplates.text, version: commitmentTemplates.version, updatedAt: commitmentTemplates.updatedAt };

  async function templateFor(tx: Db, kind: string, lock = false) {
    if (!isKind(kind)) throw notFound('承诺书模板');
    const q = tx.select(templateColumns).from(commitmentTemplates).where(eq(commitmentTemplates.kind, kind));
    const [row] = await (lock ? q.for('update') : q);
    if (!row) throw notFound('承诺书模板');
    return row;
  }

  return {
    /**
     * The enterprise's account makes a commitment: kind, text (≤ 2000 characters), signatory
     * (≤ 50) and the day signed, not after today in China. 201 with the commitment.
     */
    async create(ctx: RequestContext & { actor: Actor }, input: CommitmentInput) {
      const uscc = enterpriseOf(ctx.actor, '仅企业账号可作出或撤回承诺');
      if (!isKind(input.kind)) throw invalid('kind', '承诺类型不正确');
      const text = requireText(input.text, 'text', '承诺内容', COMMITMENT_TEXT_MAX);
      const signedBy = requireText(input.signedBy, 'signedBy', '签署人', SIGNED_BY_MAX);
      const signedOn = requireDate(input.signedOn, 'signedOn', '签署日期');
      if (signedOn > todayInChina()) throw invalid('signedOn', '签署日期不能晚于今天');
      return inTransaction(db, async (tx) => {
        const [enterprise] = await tx.select({ regionCode: enterprises.regionCode }).from(enterprises).where(eq(enterprises.uscc, uscc));
        if (!enterprise) throw notFound('企业');
        const [row] = await tx
          .insert(commitments)
          .values({ uscc, regionCode: enterprise.regionCode, kind: input.kind, text, signedBy, signedOn, createdBy: ctx.actor.userId })
          .returning({ id: commitments.id });
        const [after] = await query(tx).where(eq(commitments.id, row!.id));
        await audit.record(tx, ctx, { action: 'commitment.created', targetType: 'commitment', targetId: row!.id, after: { uscc, kind: input.kind, signedBy, signedOn, text } });
        return after!;
      });
    },

    /**
     * The enterprise's account withdraws one of its active commitments: it stays in the history,
     * withdrawn today (China). Another enterprise's commitment is 404; one already withdrawn 409.
     */
    async withdraw(ctx: RequestContext & { actor: Actor }, id: string, expected?: ExpectedVersion) {
      const uscc = enterpriseOf(ctx.actor, '仅企业账号可作出或撤回承诺');
      return inTransaction(db, async (tx) => {
        const [row] = await tx
          .select({ version: commitments.version, withdrawnOn: commitments.withdrawnOn })
          .from(commitments)
          .where(and(eq(commitments.id, id), eq(commitments.uscc, uscc)))
          .for('update');
        if (!row) throw notFound('承诺');
        assertVersion(expected, row.version);
        if (row.withdrawnOn) throw new AppError('ALREADY_WITHDRAWN', `该承诺已于 ${row.withdrawnOn} 撤回`, 409, { withdrawnOn: row.withdrawnOn });
        const withdrawnOn = todayInChina();
        await tx.update(commitments).set({ withdrawnOn, version: nextVersion(commitments.version), updatedAt: new Date() }).where(eq(commitments.id, id));
        await audit.record(tx, ctx, { action: 'commitment.withdrawn', targetType: 'commitment', targetId: id, before: { withdrawnOn: null }, after: { uscc, withdrawnOn } });
        const [after] = await query(tx).where(eq(commitments.id, id));
        return after!;
      });
    },

    /**
     * Commitments in the actor's scope (an enterprise account: its own), withdrawn ones too,
     * newest signed first; `uscc` narrows to one enterprise, `active` to those (not) withdrawn.
     */
    async list(actor: Actor, filter: { uscc?: string; active?: boolean }, page: Page) {
      const where = and(
        visibleTo(actor, { regionCode: commitments.regionCode, uscc: commitments.uscc }),
        filter.uscc ? eq(commitments.uscc, normalizeUscc(filter.uscc)) : undefined,
        filter.active === undefined ? undefined : filter.active ? isNull(commitments.withdrawnOn) : isNotNull(commitments.withdrawnOn),
      );
      const [items, [count]] = await Promise.all([
        query(db).where(where).orderBy(desc(commitments.signedOn), asc(commitments.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(commitments).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    /** The templates of every kind, in the kinds' order. */
    async templates() {
      const rows = await db.select(templateColumns).from(commitmentTemplates);
      const items = rows.filter((r) => isKind(r.kind)).sort((a, b) => COMMITMENT_KINDS.indexOf(a.kind) - COMMITMENT_KINDS.indexOf(b.kind));
      return { items, total: items.length };
    },

    /** An administrator edits a kind's template (title ≤ 100, text ≤ 2000); If-Match honoured. */
    async updateTemplate(ctx: RequestContext & { actor: Actor }, kind: string, input: TemplateInput, expected?: ExpectedVersion) {
      const title = requireText(input.title, 'title', '模板标题', TEMPLATE_TITLE_MAX);
      const text = requireText(input.text, 'text', '模板内容', COMMITMENT_TEXT_MAX);
      return inTransaction(db, async (tx) => {
        const before = await templateFor(tx, kind, true);
        assertVersion(expected, before.version);
        await tx.update(commitmentTemplates).set({ title, text, version: nextVersion(commitmentTemplates.version), updatedAt: new Date() }).where(eq(commitmentTemplates.kind, before.kind));
        const after = await templateFor(tx, kind);
        await audit.record(tx, ctx, { action: 'commitment_template.updated', targetType: 'commitment_template', targetId: kind, before: { title: before.title, text: before.text }, after: { title, text } });
        return after;
      });
    },
  };
}

export type CommitmentsService = ReturnType<typeof makeCommitmentsService>;
