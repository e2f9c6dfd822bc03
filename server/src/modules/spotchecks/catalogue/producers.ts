import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { escapeLike, inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { cellText } from '../../../platform/files/cells.js';
import type { FileColumn, HeaderMap } from '../../../platform/files/header.js';
import { type CellProblem, type ImportFile, type Rejection, runImport } from '../../../platform/files/import.js';
import { stagingTable } from '../../../platform/files/staging.js';
import type { Cell } from '../../../platform/files/read-rows.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { invalid } from '../../../platform/validation/fields.js';
import { enterprises, normalizeUscc, usccProblem } from '../../enterprises/index.js';
import { assertCity } from '../scope.js';
import type { Ctx, SpotchecksDeps } from '../spotchecks.deps.js';
import { spotcheckProducers, spotcheckProducts, spotcheckSamples } from '../spotchecks.schema.js';

/** USCCs one request may add (the import is bounded by the import limits instead). */
export const PRODUCERS_PER_REQUEST = 500;
/** Rejected rows an import's 400 lists (their count is given in full). */
const REJECTIONS_SHOWN = 200;

/** The columns of a producers file: 统一社会信用代码 (required); 企业名称 may be there and is not read. */
export const PRODUCER_FILE_COLUMNS = [
  { field: 'uscc', header: '统一社会信用代码', aliases: ['uscc', '信用代码', '社会信用代码', '统一代码'] },
  { field: 'name', header: '企业名称', aliases: ['name', '名称', '生产企业', '生产企业名称'] },
] as const satisfies readonly FileColumn[];
type ProducerField = (typeof PRODUCER_FILE_COLUMNS)[number]['field'];

/** The staging table of an import (a temporary table dropped at commit); names are code constants. */
const staging = stagingTable('spotcheck_producer_import', [{ key: 'uscc', column: 'uscc', type: 'text' }] as const, ['enterprise_id uuid']);

/** A code as the register keys it, or what is wrong with its form (a failing check digit is left to the register lookup: overrides exist). */
function usccOf(raw: string | null | undefined): { uscc: string } | { code: string; message: string } {
  const uscc = normalizeUscc(raw ?? '');
  if (!uscc) return { code: 'REQUIRED', message: '统一社会信用代码不能为空' };
  const problem = usccProblem(uscc);
  if (problem && problem.code !== 'USCC_CHECK_DIGIT') return { code: problem.code, message: problem.message };
  return { uscc };
}

/** Writes to the catalogue: `spotcheck.plan`, and the city bureau's (403 NOT_CITY for a county). */
export function assertCatalogueWriter(actor: Actor): void {
  if (!actor.permissions.has('spotcheck.plan')) throw forbidden('无权维护产品目录');
  assertCity(actor, '维护产品目录');
}

/** The last day a product was sampled at an enterprise (its 抽样单's day), or null. */
const lastSampledOn = sql<string | null>`(select max(${spotcheckSamples.record}->>'sampledOn') from ${spotcheckSamples} where ${spotcheckSamples.productId} = ${spotcheckProducers.productId} and ${spotcheckSamples.enterpriseId} = ${spotcheckProducers.enterpriseId} and ${spotcheckSamples.record} is not null)`;

/**
 * The producers of a product (README.md § Producers): the pool its lots draw from. Added by USCC
 * from the register or imported from a file (all-or-nothing); listed within the reader's
 * jurisdiction; removed one by one. Writes are the city bureau's.
 */
export function makeProducers(deps: SpotchecksDeps) {
  const { db, audit } = deps;

  async function product(tx: Db, id: string) {
    const [row] = await tx.select({ id: spotcheckProducts.id, code: spotcheckProducts.code }).from(spotcheckProducts).where(eq(spotcheckProducts.id, id)).for('update');
    if (!row) throw notFound('产品');
    return row;
  }

  return {
    /** A product's producers in the reader's jurisdiction (by the enterprise's region), by name. */
    async producers(actor: Actor, id: string, filter: { q?: string }, page: Page) {
      const [p] = await db.select({ id: spotcheckProducts.id }).from(spotcheckProducts).where(eq(spotcheckProducts.id, id));
      if (!p) throw notFound('产品');
      const q = filter.q?.trim();
      const where = and(
        eq(spotcheckProducers.productId, id),
        visibleTo(actor, { regionCode: enterprises.regionCode, uscc: enterprises.uscc }),
        q ? or(ilike(enterprises.name, `%${escapeLike(q)}%`), ilike(enterprises.uscc, `%${escapeLike(q)}%`)) : undefined,
      );
      const [items, [total]] = await Promise.all([
        db
          .select({
            enterpriseId: spotcheckProducers.enterpriseId,
            uscc: enterprises.uscc,
            name: enterprises.name,
            regionCode: enterprises.regionCode,
            status: enterprises.status,
            source: spotcheckProducers.source,
            addedByName: spotcheckProducers.addedByName,
            addedAt: spotcheckProducers.addedAt,
            lastSampledOn,
          })
          .from(spotcheckProducers)
          .innerJoin(enterprises, eq(enterprises.id, spotcheckProducers.enterpriseId))
          .where(where)
          .orderBy(asc(enterprises.name), asc(enterprises.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: count() }).from(spotcheckProducers).innerJoin(enterprises, eq(enterprises.id, spotcheckProducers.enterpriseId)).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    /** Adds enterprises of the register by USCC (≤ 500): any code not in the register is a 400 naming them all, and nothing is added. */
    async addProducers(ctx: Ctx, id: string, usccs: string[]) {
      assertCatalogueWriter(ctx.actor);
      if (!Array.isArray(usccs) || usccs.length === 0) throw invalid('usccs', '请填写至少一个统一社会信用代码');
      if (usccs.length > PRODUCERS_PER_REQUEST) throw invalid('usccs', `一次至多添加 ${PRODUCERS_PER_REQUEST} 家企业，更多请用导入`);
      const codes: string[] = [];
      const malformed: string[] = [];
      for (const raw of usccs) {
        const c = usccOf(raw);
        if ('uscc' in c) {
          if (!codes.includes(c.uscc)) codes.push(c.uscc);
        } else malformed.push(String(raw).slice(0, 30));
      }
      return inTransaction(db, async (tx) => {
        await product(tx, id);
        const found = codes.length ? await tx.select({ id: enterprises.id, uscc: enterprises.uscc }).from(enterprises).where(inArray(enterprises.uscc, codes)) : [];
        const known = new Set(found.map((e) => e.uscc));
        const unknown = [...malformed, ...codes.filter((c) => !known.has(c))];
        if (unknown.length) {
          throw new AppError('UNKNOWN_USCC', `企业名录中没有以下统一社会信用代码的企业：${unknown.slice(0, 5).join('、')}${unknown.length > 5 ? ` 等 ${unknown.length} 个` : ''}；未添加任何企业`, 400, { field: 'usccs', unknown });
        }
        const added = await tx
          .insert(spotcheckProducers)
          .values(found.map((e) => ({ productId: id, enterpriseId: e.id, source: 'register' as const, addedByName: ctx.actor.name })))
          .onConflictDoNothing()
          .returning({ enterpriseId: spotcheckProducers.enterpriseId });
        const addedIds = new Set(added.map((a) => a.enterpriseId));
        await audit.record(tx, ctx, { action: 'spotcheck.producers_added', targetType: 'spotcheck_product', targetId: id, after: { source: 'register', added: found.filter((e) => addedIds.has(e.id)).map((e) => e.uscc) } });
        return { added: added.length, alreadyListed: found.length - added.length };
      });
    },

    /**
     * Imports producers from a file (.xlsx or .csv, column 统一社会信用代码) with the platform's
     * bounded import: always all-or-nothing — a malformed code or one the register lacks is a
     * rejected row, and any rejected row is a 400 IMPORT_REJECTED with the rows, nothing written.
     * A code repeated in the file counts once.
     */
    async importProducers(ctx: Ctx, id: string, file: ImportFile) {
      assertCatalogueWriter(ctx.actor);
      const unknown: string[] = [];
      let total = 0;
      const result = await runImport<ProducerField, { row: number; uscc: string }>(db, file, async () => 'all-or-nothing', {
        columns: PRODUCER_FILE_COLUMNS,
        required: ['uscc'],
        async begin(tx) {
          await product(tx, id);
          await staging.create(tx);
        },
        check(row: number, cells: Cell[], header: HeaderMap<ProducerField>): { row: number; uscc: string } | CellProblem<ProducerField>[] {
          const c = usccOf(cellText(cells[header.index.uscc!]));
          return 'uscc' in c ? { row, uscc: c.uscc } : [{ field: 'uscc', code: c.code, message: c.message }];
        },
        stage: (tx, batch) => staging.insert(tx, batch),
        async reject(tx, header): Promise<Rejection[]> {
          await staging.deleteRepeats(tx, ['uscc']);
          await tx.execute(sql`update spotcheck_producer_import s set enterprise_id = e.id from ${enterprises} e where e.uscc = s.uscc`);
          const { rows } = (await tx.execute(sql`delete from spotcheck_producer_import where enterprise_id is null returning row, uscc`)) as unknown as { rows: { row: number; uscc: string }[] };
          unknown.push(...rows.sort((a, b) => a.row - b.row).map((r) => r.uscc));
          return rows.map((r) => ({ row: r.row, column: header.label.uscc, code: 'ENTERPRISE_NOT_FOUND', message: `企业名录中没有统一社会信用代码为 ${r.uscc} 的企业` }));
        },
        async commit(tx, _header, run) {
          const { rows } = (await tx.execute(sql`
            with staged as (select distinct enterprise_id from spotcheck_producer_import),
            ins as (
              insert into ${spotcheckProducers} (product_id, enterprise_id, source, added_by_name)
              select ${id}::uuid, enterprise_id, 'import', ${ctx.actor.name} from staged
              on conflict do nothing returning 1
            )
            select (select count(*)::int from staged) as total, (select count(*)::int from ins) as added`)) as unknown as { rows: { total: number; added: number }[] };
          const { added } = rows[0]!;
          total = rows[0]!.total;
          await audit.record(tx, ctx, { action: 'spotcheck.producers_imported', targetType: 'spotcheck_product', targetId: id, after: { fileName: run.fileName, sha256: run.sha256, rows: total, added } });
          return { imported: added, updated: 0, unchanged: total - added };
        },
      });
      if (result.rejected.length) {
        const n = result.rejected.length;
        throw new AppError('IMPORT_REJECTED', `有 ${n} 行无法导入（统一社会信用代码有误或企业名录中没有），未写入任何数据`, 400, { rejected: result.rejected.slice(0, REJECTIONS_SHOWN), rejectedCount: n, unknown: unknown.slice(0, REJECTIONS_SHOWN) });
      }
      return { added: result.imported, alreadyListed: total - result.imported };
    },

    async removeProducer(ctx: Ctx, id: string, enterpriseId: string) {
      assertCatalogueWriter(ctx.actor);
      await inTransaction(db, async (tx) => {
        await product(tx, id);
        const [row] = await tx
          .delete(spotcheckProducers)
          .where(and(eq(spotcheckProducers.productId, id), eq(spotcheckProducers.enterpriseId, enterpriseId)))
          .returning();
        if (!row) throw notFound('生产企业');
        const [e] = await tx.select({ uscc: enterprises.uscc }).from(enterprises).where(eq(enterprises.id, enterpriseId));
        await audit.record(tx, ctx, { action: 'spotcheck.producer_removed', targetType: 'spotcheck_product', targetId: id, before: { enterpriseId, uscc: e?.uscc ?? null, source: row.source } });
      });
    },

    /** The products an enterprise (in the reader's jurisdiction, 404 otherwise) is listed as a producer of, by code. */
    async productsOf(actor: Actor, enterpriseId: string, page: Page) {
      const [e] = await db
        .select({ id: enterprises.id })
        .from(enterprises)
        .where(and(eq(enterprises.id, enterpriseId), visibleTo(actor, { regionCode: enterprises.regionCode, uscc: enterprises.uscc })));
      if (!e) throw notFound('企业');
      const where = eq(spotcheckProducers.enterpriseId, enterpriseId);
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: spotcheckProducts.id,
            code: spotcheckProducts.code,
            name: spotcheckProducts.name,
            category: spotcheckProducts.category,
            impact: spotcheckProducts.impact,
            active: spotcheckProducts.active,
            source: spotcheckProducers.source,
            addedAt: spotcheckProducers.addedAt,
            lastSampledOn,
          })
          .from(spotcheckProducers)
          .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckProducers.productId))
          .where(where)
          .orderBy(asc(spotcheckProducts.code), asc(spotcheckProducts.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: count() }).from(spotcheckProducers).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },
  };
}
