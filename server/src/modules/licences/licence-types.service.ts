import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction, nextVersion } from '../../db/sql.js';
import type { Actor, RequestContext } from '../../platform/access/actor.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../platform/http/etag.js';
import { orgs } from '../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid, requireText } from '../../platform/validation/fields.js';
import { LICENCE_TYPE_SEEDS } from './licence-types.js';
import { licenceTypes } from './licences.schema.js';

/** A type's key: lower-case letters, digits and underscores, starting with a letter (2–60 characters). */
export const LICENCE_TYPE_KEY_PATTERN = '^[a-z][a-z0-9_]{1,59}$';
export const MAX_VALIDITY_YEARS = 30;

export interface LicenceTypeChanges {
  name?: string;
  sectionId?: string | null;
  legalBasis?: string;
  /** Default validity in years; null when the type's licences do not expire. */
  validityYears?: number | null;
  historic?: boolean;
  sort?: number;
}

export interface NewLicenceType extends LicenceTypeChanges {
  key: string;
  name: string;
  legalBasis: string;
  validityYears: number | null;
}

const listed = {
  key: licenceTypes.key,
  name: licenceTypes.name,
  sectionId: licenceTypes.sectionId,
  sectionName: orgs.name,
  legalBasis: licenceTypes.legalBasis,
  validityYears: licenceTypes.validityYears,
  historic: licenceTypes.historic,
  sort: licenceTypes.sort,
  version: licenceTypes.version,
};

/**
 * The licence-type dictionary: preloaded on first start, extended and edited by administrators.
 * Changing a type's default validity changes only licences issued afterwards.
 */
export function makeLicenceTypesService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  const select = (tx: Db) => tx.select(listed).from(licenceTypes).leftJoin(orgs, eq(orgs.id, licenceTypes.sectionId));

  /** `lock`: the type's row is locked until the transaction ends (for a change). */
  async function find(tx: Db, key: string, lock = false) {
    const query = select(tx).where(eq(licenceTypes.key, key));
    const [row] = await (lock ? query.for('update', { of: licenceTypes }) : query);
    if (!row) throw notFound('许可证类型');
    return row;
  }

  /** The checked, trimmed form of the fields present in `input` (absent fields stay absent). */
  async function checked(tx: Db, input: LicenceTypeChanges, exceptKey?: string) {
    const out: LicenceTypeChanges = {};
    if (input.name !== undefined) {
      const name = requireText(input.name, 'name', '类型名称', 100);
      const [taken] = await tx
        .select({ key: licenceTypes.key })
        .from(licenceTypes)
        .where(and(eq(licenceTypes.name, name), exceptKey ? ne(licenceTypes.key, exceptKey) : undefined));
      if (taken) throw new AppError('DUPLICATE', `类型名称“${name}”已被使用`, 409, { field: 'name' });
      out.name = name;
    }
    if (input.legalBasis !== undefined) {
      out.legalBasis = requireText(input.legalBasis, 'legalBasis', '法律依据', 500);
    }
    if (input.sectionId !== undefined) {
      if (input.sectionId !== null) {
        const [section] = await tx.select({ type: orgs.type }).from(orgs).where(eq(orgs.id, input.sectionId));
        if (section?.type !== 'city_section') throw invalid('sectionId', '主管科室应为市局的业务科室', 'SECTION_INVALID');
      }
      out.sectionId = input.sectionId;
    }
    if (input.validityYears !== undefined) {
      const years = input.validityYears;
      if (years !== null && (!Number.isInteger(years) || years < 1 || years > MAX_VALIDITY_YEARS)) {
        throw invalid('validityYears', `默认有效期应为 1–${MAX_VALIDITY_YEARS} 年，或不填表示长期有效`);
      }
      out.validityYears = years;
    }
    if (input.historic !== undefined) out.historic = input.historic;
    if (input.sort !== undefined) {
      if (!Number.isInteger(input.sort) || input.sort < 0 || input.sort > 10_000) throw invalid('sort', '排序应为 0–10000 的整数');
      out.sort = input.sort;
    }
    return out;
  }

  return {
    /** First start and upgrades: adds the preloaded types a database does not have yet. */
    async ensureTypes(tx: Db) {
      const sections = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.type, 'city_section'));
      const sectionId = (name: string) => sections.find((s) => s.name === name)?.id ?? null;
      await tx
        .insert(licenceTypes)
        .values(LICENCE_TYPE_SEEDS.map((t, i) => ({ key: t.key, name: t.name, sectionId: sectionId(t.sectionName), legalBasis: t.legalBasis, validityYears: t.validityYears, historic: t.historic ?? false, sort: i })))
        .onConflictDoNothing();
    },

    async list() {
      const items = await select(db).orderBy(asc(licenceTypes.sort), asc(licenceTypes.key));
      return { items, total: items.length };
    },

    get: (key: string) => find(db, key),

    /** Adds a type at the end of the list (unless `sort` says otherwise). */
    async create(ctx: RequestContext & { actor: Actor }, input: NewLicenceType) {
      if (!new RegExp(LICENCE_TYPE_KEY_PATTERN).test(input.key)) {
        throw invalid('key', '类型标识应以小写字母开头，只含小写字母、数字和下划线，2–60 个字符');
      }
      return inTransaction(db, async (tx) => {
        const [taken] = await tx.select({ key: licenceTypes.key }).from(licenceTypes).where(eq(licenceTypes.key, input.key));
        if (taken) throw new AppError('DUPLICATE', `类型标识 ${input.key} 已存在`, 409, { field: 'key' });
        const values = await checked(tx, { sectionId: null, historic: false, ...input });
        const [last] = await tx.select({ sort: sql<number>`coalesce(max(${licenceTypes.sort}), -1)::int` }).from(licenceTypes);
        await tx.insert(licenceTypes).values({
          key: input.key,
          name: values.name!,
          legalBasis: values.legalBasis!,
          validityYears: values.validityYears ?? null,
          sectionId: values.sectionId ?? null,
          historic: values.historic ?? false,
          sort: values.sort ?? (last?.sort ?? -1) + 1,
        });
        const created = await find(tx, input.key);
        await audit.record(tx, ctx, { action: 'licence_type.created', targetType: 'licence_type', targetId: input.key, after: created });
        return created;
      });
    },

    /** Changes the given fields; existing licences keep their expiry whatever the new default validity. `expected`: If-Match. */
    async update(ctx: RequestContext & { actor: Actor }, key: string, input: LicenceTypeChanges, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const before = await find(tx, key, true);
        assertVersion(expected, before.version);
        const values = await checked(tx, input, key);
        await tx
          .update(licenceTypes)
          .set({ ...values, version: nextVersion(licenceTypes.version), updatedAt: new Date() })
          .where(eq(licenceTypes.key, key));
        const after = await find(tx, key);
        await audit.record(tx, ctx, { action: 'licence_type.updated', targetType: 'licence_type', targetId: key, before, after });
        return after;
      });
    },
  };
}

export type LicenceTypesService = ReturnType<typeof makeLicenceTypesService>;
