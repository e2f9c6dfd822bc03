import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction, nextVersion } from '../../db/sql.js';
import type { Actor, RequestContext } from '../../platform/access/actor.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import { AppError } from '../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../platform/http/etag.js';
import { checkDate, checkText, invalid, orThrow, requireText } from '../../platform/validation/fields.js';
import { licenceCorrections, licences } from './licences.schema.js';
import type { LicencesService } from './licences.service.js';
import type { LicenceState } from './states.js';

/** What a correction may change: the details as printed on the certificate. */
export const CORRECTABLE_FIELDS = ['number', 'scope', 'issuer', 'issuedOn', 'expiresOn'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

export interface CorrectionInput {
  number?: string;
  scope?: string | null;
  issuer?: string;
  issuedOn?: string;
  expiresOn?: string | null;
  /** Why the record was wrong (e.g. 录入时证书编号少录一位), kept with the correction. */
  reason: string;
}

/** States in which the certificate is still current: only then may its dates be corrected. */
const LIVE_STATES: readonly LicenceState[] = ['normal', 'warning', 'changeOrdered', 'suspended'];

/**
 * Corrections of a licence's recorded details after issue, when the record does not match the
 * certificate that was issued: a typo in the number, the scope, the issuer, and — while the
 * licence is current — the dates as printed. A correction is not a renewal or a change of
 * registration (those are decisions with their own procedure): the reason says what was wrong.
 * It takes the version the officer saw (If-Match, required), is audited with before and after,
 * and is kept for the licence's timeline. The issuing notice (告知书) stays as it was handed out.
 */
export function makeLicenceCorrections(deps: { db: Db; audit: AuditService; licences: LicencesService }) {
  const { db, audit } = deps;

  /** The checked new values of the fields the input names. */
  function checkFields(input: CorrectionInput) {
    const next: Partial<Record<CorrectableField, string | null>> = {};
    if (input.number !== undefined) next.number = orThrow(checkText(input.number, 'number', '证书编号', { max: 100, required: true }));
    if (input.scope !== undefined) next.scope = orThrow(checkText(input.scope, 'scope', '许可范围', { max: 2000, required: false }));
    if (input.issuer !== undefined) next.issuer = orThrow(checkText(input.issuer, 'issuer', '发证机关', { max: 200, required: true }));
    if (input.issuedOn !== undefined) next.issuedOn = orThrow(checkDate(input.issuedOn, 'issuedOn', '发证日期'));
    if (input.expiresOn !== undefined) next.expiresOn = input.expiresOn === null ? null : orThrow(checkDate(input.expiresOn, 'expiresOn', '有效期至'));
    return next;
  }

  return {
    /** Corrects the named fields; answers the licence as it now reads. */
    async correct(ctx: RequestContext & { actor: Actor }, id: string, input: CorrectionInput, expected: ExpectedVersion) {
      if (expected === undefined) throw new AppError('PRECONDITION_REQUIRED', '更正许可证信息须带上所更正的版本（If-Match）', 428);
      const reason = requireText(input.reason, 'reason', '更正理由', 1000);
      const next = checkFields(input);
      return inTransaction(db, async (tx) => {
        const current = await deps.licences.get(ctx.actor, id, tx);
        const [row] = await tx.select().from(licences).where(eq(licences.id, id)).for('update');
        assertVersion(expected, row!.version);

        const changed = (Object.keys(next) as CorrectableField[]).filter((f) => next[f] !== row![f]);
        if (changed.length === 0) throw invalid(Object.keys(next)[0] ?? 'number', '没有需要更正的内容', 'NO_CHANGE');
        if ((changed.includes('issuedOn') || changed.includes('expiresOn')) && !LIVE_STATES.includes(row!.state)) {
          throw invalid(changed.includes('issuedOn') ? 'issuedOn' : 'expiresOn', '许可证已失效（届满、吊销、注销或撤销），其日期不能再更正', 'LICENCE_CLOSED');
        }
        const issuedOn = next.issuedOn ?? row!.issuedOn;
        const expiresOn = next.expiresOn === undefined ? row!.expiresOn : next.expiresOn;
        if (expiresOn !== null && expiresOn <= issuedOn) throw invalid(changed.includes('expiresOn') ? 'expiresOn' : 'issuedOn', '有效期至应晚于发证日期');
        if (changed.includes('number')) {
          const [taken] = await tx.select({ id: licences.id }).from(licences).where(and(eq(licences.typeKey, row!.typeKey), eq(licences.number, next.number!)));
          if (taken && taken.id !== id) throw new AppError('DUPLICATE', `${current.typeName}编号 ${next.number} 已登记`, 409, { field: 'number' });
        }

        const before = Object.fromEntries(changed.map((f) => [f, row![f]]));
        const after = Object.fromEntries(changed.map((f) => [f, next[f] ?? null]));
        await tx
          .update(licences)
          .set({ ...after, version: nextVersion(licences.version), updatedAt: new Date() })
          .where(eq(licences.id, id));
        await tx.insert(licenceCorrections).values({ licenceId: id, before, after, reason, correctedBy: ctx.actor.userId, correctedByName: ctx.actor.name });
        await audit.record(tx, ctx, { action: 'licence.corrected', targetType: 'licence', targetId: id, before, after: { ...after, reason } });
        return deps.licences.get(ctx.actor, id, tx);
      });
    },

    /** The licence's corrections, newest first. */
    async list(actor: Actor, id: string) {
      await deps.licences.get(actor, id);
      const items = await db
        .select()
        .from(licenceCorrections)
        .where(eq(licenceCorrections.licenceId, id))
        .orderBy(desc(licenceCorrections.createdAt), desc(licenceCorrections.id));
      return { items, total: items.length };
    },
  };
}

export type LicenceCorrections = ReturnType<typeof makeLicenceCorrections>;
