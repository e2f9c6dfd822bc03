import { createHash, randomUUID } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import { type SQL, param, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { regionPrefix } from '../../../platform/access/scope.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { AppError } from '../../../platform/http/errors.js';
import type { JurisdictionService } from '../../../platform/jurisdiction/jurisdiction.service.js';
import { enterpriseImports } from '../enterprises.schema.js';
import { type FieldProblem, type FileField, checkDate, checkIndustry, checkRegion, checkStatus, checkText, checkUscc, checkDigitProblem } from '../enterprise-fields.js';
import { type HeaderMap, mapHeader } from './header.js';
import { type Cell, FORMULA_WITHOUT_RESULT, type FileKind, readRows } from './read-rows.js';

export type ImportMode = 'all-or-nothing' | 'valid-rows';

export interface Rejection {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportResult {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
}

/** Staged columns: field, SQL column of the staging and of the enterprises table. */
const COLUMNS: { field: FileField; column: string; type: string }[] = [
  { field: 'uscc', column: 'uscc', type: 'text' },
  { field: 'name', column: 'name', type: 'text' },
  { field: 'legalRepresentative', column: 'legal_representative', type: 'text' },
  { field: 'address', column: 'address', type: 'text' },
  { field: 'regionCode', column: 'region_code', type: 'text' },
  { field: 'status', column: 'status', type: 'text' },
  { field: 'establishedOn', column: 'established_on', type: 'date' },
  { field: 'industryCode', column: 'industry_code', type: 'text' },
];

type Staged = Record<FileField, string | null> & { row: number };

const BATCH_ROWS = 5000;
/** Imports changing at least this many rows refresh the table's planner statistics. */
const ANALYZE_AFTER_ROWS = 10_000;

const text = (cell: Cell | undefined): string | null => (cell === null || cell === undefined || cell === FORMULA_WITHOUT_RESULT ? null : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell));

/** Validates one data row; returns the staged values or the problems (one per bad cell). */
function checkRow(row: number, cells: Cell[], header: HeaderMap, resolveRegion: (c: string) => string | null): Staged | FieldProblem[] {
  const cell = (f: FileField) => (header.index[f] === undefined ? undefined : cells[header.index[f]!]);
  const problems: FieldProblem[] = [];
  for (const f of Object.keys(header.index) as FileField[]) {
    if (cell(f) === FORMULA_WITHOUT_RESULT) problems.push({ field: f, code: 'CELL_FORMULA', message: '单元格是没有计算结果的公式，请粘贴为数值后再导入' });
  }
  if (problems.length) return problems;
  const out = { row } as Staged;
  const take = (f: FileField, r: { ok: true; value: string | null } | { ok: false; problem: FieldProblem }) => {
    if (r.ok) out[f] = r.value;
    else problems.push({ ...r.problem, field: f });
  };
  const code = checkUscc(text(cell('uscc')) ?? '');
  if (!code.ok) problems.push(code.problem);
  else if (code.value.checkDigitFailed) problems.push(checkDigitProblem(code.value.uscc));
  else out.uscc = code.value.uscc;
  take('name', checkText('name', '企业名称', text(cell('name')), { required: true, max: 200 }));
  take('legalRepresentative', checkText('legalRepresentative', '法定代表人', text(cell('legalRepresentative')), { max: 50 }));
  take('address', checkText('address', '住所', text(cell('address')), { max: 300 }));
  take('regionCode', checkRegion(text(cell('regionCode')), resolveRegion));
  take('status', checkStatus(text(cell('status'))));
  take('establishedOn', checkDate(cell('establishedOn') ?? null));
  take('industryCode', checkIndustry(text(cell('industryCode'))));
  return problems.length ? problems : out;
}

const isEmpty = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/**
 * Imports a registration authority's spreadsheet: rows are validated while the file streams in,
 * staged in a temporary table, checked for repeats and scope, then upserted by USCC in one
 * transaction with a history entry per updated enterprise, an import record and one audit event. In
 * all-or-nothing mode any rejection rolls everything back.
 */
export function makeEnterpriseImport(deps: { db: Db; audit: AuditService; jurisdiction: JurisdictionService }) {
  return async function importEnterprises(ctx: RequestContext & { actor: Actor }, file: { stream: Readable; filename: string; kind: FileKind }, modeOf: () => Promise<ImportMode>): Promise<ImportResult> {
    const hash = createHash('sha256');
    const hashed = file.stream.pipe(
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      }),
    );
    // An upload that fails or stops early (the stream closes before its end) fails the import,
    // which rolls its transaction back.
    const cutOff = () => file.stream.destroyed && !file.stream.readableEnded;
    if (cutOff()) throw interrupted();
    file.stream.on('error', (err) => hashed.destroy(err));
    file.stream.on('close', () => cutOff() && hashed.destroy(interrupted()));
    const resolveRegion = await deps.jurisdiction.regionResolver();
    const rejected: Rejection[] = [];
    const outcome = { imported: 0, updated: 0, unchanged: 0 };

    await inTransaction(deps.db, async (tx) => {
      await tx.execute(sql.raw(`create temp table enterprise_import (row int not null, ${COLUMNS.map((c) => `${c.column} ${c.type}`).join(', ')}) on commit drop`));
      let header: HeaderMap | null = null;
      let batch: Staged[] = [];
      // One batch is written while the next is read and checked.
      let inFlight: Promise<void> = Promise.resolve();
      let rows = 0;
      for await (const { row, cells } of readRows(hashed, file.kind)) {
        if (!header) {
          if (row !== 1 || isEmpty(cells)) throw new AppError('IMPORT_HEADER', '第 1 行应为表头（统一社会信用代码、企业名称、行政区划代码……）', 400);
          header = mapHeader(cells);
          continue;
        }
        if (isEmpty(cells)) continue;
        rows++;
        const checked = checkRow(row, cells, header, resolveRegion);
        if (Array.isArray(checked)) {
          for (const p of checked) rejected.push({ row, column: header.label[p.field as FileField] ?? p.field, code: p.code, message: p.message });
          continue;
        }
        batch.push(checked);
        if (batch.length >= BATCH_ROWS) {
          await inFlight;
          inFlight = stage(tx, batch);
          inFlight.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
          batch = [];
        }
      }
      if (!header) throw new AppError('IMPORT_EMPTY', '文件是空的', 400);
      if (rows === 0) throw new AppError('IMPORT_EMPTY', '文件只有表头，没有数据行', 400);
      await inFlight;
      await stage(tx, batch);

      rejected.push(...(await rejectRepeats(tx, header)));
      if (ctx.actor.dataScope !== 'all') rejected.push(...(await rejectOutOfScope(tx, header, ctx.actor)));
      const mode = await modeOf();
      if (rejected.length && mode === 'all-or-nothing') throw new RollBack();

      const present = COLUMNS.filter((c) => header!.index[c.field] !== undefined && c.field !== 'uscc');
      const importId = randomUUID();
      Object.assign(outcome, await merge(tx, ctx, importId, present.map((c) => c.column)));
      // Fresh statistics after a bulk change, or the planner misjudges searches until autovacuum runs.
      if (outcome.imported + outcome.updated >= ANALYZE_AFTER_ROWS) await tx.execute(sql`analyze enterprises`);
      const record = { fileName: file.filename.slice(0, 200), sha256: hash.digest('hex'), mode, ...outcome, rejected: rejected.length };
      await tx.insert(enterpriseImports).values({ id: importId, actorId: ctx.actor.userId ?? null, actorName: ctx.actor.name, ...record });
      await deps.audit.record(tx, ctx, { action: 'enterprise.imported', targetType: 'enterprise_import', targetId: importId, after: record });
    }).catch((err: unknown) => {
      if (!(err instanceof RollBack)) throw err;
    });
    rejected.sort((a, b) => a.row - b.row);
    return { ...outcome, rejected };
  };
}

const interrupted = () => new AppError('IMPORT_INTERRUPTED', '上传未完成，未写入任何数据', 400);

/** Thrown to roll the transaction back on purpose (all-or-nothing with rejections). */
class RollBack extends Error {}

/**
 * Inserts a batch into the staging table as one statement with one array parameter per column
 * (unnest), whatever the batch size: no per-value placeholders to build or parse.
 */
async function stage(tx: Db, batch: Staged[]): Promise<void> {
  if (batch.length === 0) return;
  const arrays = [sql`${param(batch.map((r) => r.row))}::int[]`, ...COLUMNS.map((c) => sql`${param(batch.map((r) => r[c.field]))}::${sql.raw(c.type)}[]`)];
  await tx.execute(sql`insert into enterprise_import (row, ${sql.raw(COLUMNS.map((c) => c.column).join(', '))}) select * from unnest(${sql.join(arrays, sql`, `)})`);
}

async function rejectRepeats(tx: Db, header: HeaderMap): Promise<Rejection[]> {
  const { rows } = (await tx.execute(sql`
    delete from enterprise_import where row in (
      select row from (select row, row_number() over (partition by uscc order by row) as n from enterprise_import) d where n > 1
    ) returning row, uscc`)) as unknown as { rows: { row: number; uscc: string }[] };
  return rows.map((r) => ({ row: r.row, column: header.label.uscc, code: 'DUPLICATE_IN_FILE', message: `统一社会信用代码 ${r.uscc} 在文件中重复出现，仅导入第一次出现的行` }));
}

/** A region-scoped user may import only rows of, and enterprises already in, their region. */
async function rejectOutOfScope(tx: Db, header: HeaderMap, actor: Actor): Promise<Rejection[]> {
  const prefix = `${regionPrefix(actor.regionCode)}%`;
  const { rows } = (await tx.execute(sql`
    delete from enterprise_import s where s.region_code not like ${prefix}
      or exists (select 1 from enterprises e where e.uscc = s.uscc and e.region_code not like ${prefix})
    returning row, uscc, region_code`)) as unknown as { rows: { row: number; uscc: string; region_code: string }[] };
  return rows.map((r) => ({ row: r.row, column: header.label.regionCode, code: 'OUT_OF_SCOPE', message: `该行企业（${r.uscc}）不在您的辖区内` }));
}

/**
 * Upserts the staged rows, comparing and setting only the columns the file has. An update gets a
 * history entry with before and after; a created enterprise points to the import instead.
 */
async function merge(tx: Db, ctx: RequestContext, importId: string, columns: string[]) {
  const snapshot = (alias: string): SQL =>
    sql.raw(
      `jsonb_build_object('name', ${alias}.name, 'legalRepresentative', ${alias}.legal_representative, 'address', ${alias}.address, 'regionCode', ${alias}.region_code, 'industryCode', ${alias}.industry_code, 'status', ${alias}.status, 'establishedOn', ${alias}.established_on, 'contacts', ${alias}.contacts, 'tags', ${alias}.tags, 'creditClass', ${alias}.credit_class)`,
    );
  // An empty status cell keeps the current status (a new enterprise is active).
  const incoming = (c: string) => (c === 'status' ? `coalesce(s.status, e.status)` : `s.${c}`);
  const differs = sql.raw(columns.map((c) => `e.${c} is distinct from ${incoming(c)}`).join(' or ') || 'false');
  const actorId = ctx.actor?.userId ?? null;
  const actorName = ctx.actor?.name ?? 'system';

  const count = async (query: SQL) => ((await tx.execute(query)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
  const total = await count(sql`select count(*)::int as n from enterprise_import`);
  const updated = await count(sql`
    with changed as (
      select e.id, ${snapshot('e')} as before from enterprises e join enterprise_import s on s.uscc = e.uscc where ${differs}
    ), upd as (
      update enterprises e set ${sql.raw(columns.map((c) => `${c} = ${incoming(c)}`).join(', '))}, updated_at = now()
      from enterprise_import s where s.uscc = e.uscc and e.id in (select id from changed)
      returning e.*
    ), hist as (
      insert into enterprise_history (enterprise_id, actor_id, actor_name, source, action, before, after)
      select upd.id, ${actorId}, ${actorName}, 'import', 'updated', changed.before, ${snapshot('upd')} from upd join changed on changed.id = upd.id
      returning 1
    )
    select count(*)::int as n from hist`);
  const imported = await count(sql`
    with ins as (
      insert into enterprises (uscc, name, legal_representative, address, region_code, status, established_on, industry_code, import_id)
      select s.uscc, s.name, s.legal_representative, s.address, s.region_code, coalesce(s.status, 'active'), s.established_on, s.industry_code, ${importId}::uuid
      from enterprise_import s where not exists (select 1 from enterprises e where e.uscc = s.uscc)
      returning 1
    )
    select count(*)::int as n from ins`);
  return { imported, updated, unchanged: total - updated - imported };
}
