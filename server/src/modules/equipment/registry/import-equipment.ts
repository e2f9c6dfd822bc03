import { randomUUID } from 'node:crypto';
import { type SQL, param, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { cellDate, cellText } from '../../../platform/files/cells.js';
import type { HeaderMap } from '../../../platform/files/header.js';
import { type CellProblem, type ImportFile, type ImportMode, type ImportResult, type Rejection, runImport } from '../../../platform/files/import.js';
import type { Cell } from '../../../platform/files/read-rows.js';
import { pgErrorOf } from '../../../platform/http/errors.js';
import { type Checked, checkCellText } from '../../../platform/validation/fields.js';
import { normalizeUscc } from '../../enterprises/index.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { EQUIPMENT_STATUSES, INSPECTION_CONCLUSIONS, KEY_UNIT_KINDS, equipmentImports } from './registry.schema.js';
import { CONCLUSION_LABELS, KEY_UNIT_LABELS, STATUS_LABELS } from './states.js';
import { type CategoryEntry, MAX_ADDRESS, checkCategories, checkEquipmentCode, checkInspectionState, checkRegistrationNo, checkUnitRegion } from './unit-fields.js';
import { copyRows, copyText, pgClientOf } from './copy-rows.js';
import { REQUIRED_UNIT_FIELDS, UNIT_FILE_COLUMNS, type UnitFileField } from './unit-file.js';

/** The written columns: the checked value's key, its column of `equipment_units` and its type. */
const COLUMNS = [
  { key: 'equipmentCode', column: 'equipment_code', type: 'text' },
  { key: 'registrationNo', column: 'registration_no', type: 'text' },
  { key: 'category', column: 'category', type: 'text' },
  { key: 'subcategory', column: 'subcategory', type: 'text' },
  { key: 'userUscc', column: 'user_uscc', type: 'text' },
  { key: 'regionCode', column: 'region_code', type: 'text' },
  { key: 'address', column: 'address', type: 'text' },
  { key: 'manufacturer', column: 'manufacturer', type: 'text' },
  { key: 'model', column: 'model', type: 'text' },
  { key: 'factoryNo', column: 'factory_no', type: 'text' },
  { key: 'putIntoServiceOn', column: 'put_into_service_on', type: 'date' },
  { key: 'status', column: 'status', type: 'text' },
  { key: 'keyUnitKind', column: 'key_unit_kind', type: 'text' },
  { key: 'safetyGrade', column: 'safety_grade', type: 'int' },
  { key: 'lastInspectedOn', column: 'last_inspected_on', type: 'date' },
  { key: 'lastConclusion', column: 'last_conclusion', type: 'text' },
  { key: 'nextInspectionDue', column: 'next_inspection_due', type: 'date' },
] as const satisfies readonly { key: UnitFileField; column: string; type: string }[];

const STAGED_COLUMNS = COLUMNS.map((c) => c.column).join(', ');

type Staged = { row: number } & Record<UnitFileField, string | number | null>;

/** Imports creating at least this many units refresh the table's planner statistics. */
const ANALYZE_AFTER_ROWS = 10_000;

/** A value given by its key (in_use) or its Chinese label (在用). */
const byKeyOrLabel = <K extends string>(keys: readonly K[], labels: Record<K, string>) => {
  const map = new Map<string, K>();
  for (const k of keys) {
    map.set(k, k);
    map.set(labels[k], k);
  }
  return (raw: string) => map.get(raw.replace(/\s/g, ''));
};
const statusOf = byKeyOrLabel(EQUIPMENT_STATUSES, STATUS_LABELS);
const keyUnitKindOf = byKeyOrLabel(KEY_UNIT_KINDS, KEY_UNIT_LABELS);
const conclusionOf = byKeyOrLabel(INSPECTION_CONCLUSIONS, CONCLUSION_LABELS);

/** What the row checks need, prepared once per import (no query per row). */
interface RowContext {
  dictionary: ReadonlyMap<string, CategoryEntry>;
  /** Names of top categories and of subcategories under each top category, to their codes. */
  topByName: ReadonlyMap<string, string>;
  subByName: ReadonlyMap<string, string>;
  resolveRegion: (code: string) => string | null;
  actor: Actor;
  today: string;
}

/** A category cell: its code (3000), its name (电梯) or both (3000 电梯). */
function categoryCode(raw: string | null, byName: ReadonlyMap<string, string>, dictionary: ReadonlyMap<string, CategoryEntry>, parent?: string): string | null {
  if (raw === null) return null;
  const text = raw.trim();
  if (!text || dictionary.has(text)) return text || null;
  const named = byName.get(parent ? `${parent}:${text}` : text);
  if (named) return named;
  const lead = /^([0-9A-Z]{4})[\s.、:：-]*\S/.exec(text);
  return lead && dictionary.has(lead[1]!) ? lead[1]! : text;
}

/** Validates one data row; returns the staged values or the problems (one per bad cell). */
function checkRow(row: number, cells: Cell[], header: HeaderMap<UnitFileField>, ctx: RowContext): Staged | CellProblem<UnitFileField>[] {
  const cell = (f: UnitFileField) => (header.index[f] === undefined ? undefined : cells[header.index[f]!]);
  const text = (f: UnitFileField) => cellText(cell(f));
  const problems: CellProblem<UnitFileField>[] = [];
  const out = { row } as Staged;
  const take = <T extends string | number | null>(f: UnitFileField, r: Checked<T>) => {
    if (r.ok) out[f] = r.value;
    else problems.push({ field: f, code: r.problem.code, message: r.problem.message });
  };
  const reject = (field: UnitFileField, code: string, message: string) => problems.push({ field, code, message });

  take('equipmentCode', checkEquipmentCode(text('equipmentCode')));
  take('registrationNo', checkRegistrationNo(text('registrationNo')));
  const top = categoryCode(text('category'), ctx.topByName, ctx.dictionary);
  const categories = checkCategories(top, categoryCode(text('subcategory'), ctx.subByName, ctx.dictionary, top ?? undefined), ctx.dictionary);
  if (categories.ok) {
    out.category = categories.value.category;
    out.subcategory = categories.value.subcategory;
  } else reject(categories.problem.field as UnitFileField, categories.problem.code, categories.problem.message);

  const uscc = normalizeUscc(text('userUscc') ?? '');
  if (!uscc) reject('userUscc', 'REQUIRED', '使用单位统一社会信用代码不能为空');
  else out.userUscc = uscc;
  take('regionCode', checkUnitRegion(text('regionCode'), ctx.resolveRegion, ctx.actor));
  take('address', checkCellText(text('address'), 'address', '设备地址', { required: true, max: MAX_ADDRESS }));
  take('manufacturer', checkCellText(text('manufacturer'), 'manufacturer', '制造单位', { max: 200 }));
  take('model', checkCellText(text('model'), 'model', '型号', { max: 100 }));
  take('factoryNo', checkCellText(text('factoryNo'), 'factoryNo', '出厂编号', { max: 100 }));

  const date = (f: UnitFileField, label: string, opts: { required?: boolean; past?: boolean }) => {
    const raw = cell(f);
    if (raw === null || raw === undefined || (typeof raw === 'string' && !raw.trim())) {
      if (opts.required) reject(f, 'REQUIRED', `${label}不能为空`);
      else out[f] = null;
      return;
    }
    const iso = cellDate(raw);
    if (!iso) reject(f, 'DATE_FORMAT', `无法识别的${label}“${String(raw).slice(0, 30)}”（如 2019-03-05、2019/3/5）`);
    else if (opts.past && iso > ctx.today) reject(f, 'DATE_FUTURE', `${label} ${iso} 晚于今天`);
    else out[f] = iso;
  };
  date('putIntoServiceOn', '投入使用日期', { required: true, past: true });
  date('lastInspectedOn', '上次检验日期', { past: true });
  date('nextInspectionDue', '下次检验日期', {});

  const status = text('status')?.trim();
  if (!status) out.status = 'in_use';
  else {
    const value = statusOf(status);
    if (value) out.status = value;
    else reject('status', 'STATUS_UNKNOWN', `无法识别的使用状态“${status.slice(0, 20)}”（应为 在用、停用、报废 或 注销）`);
  }
  const kind = text('keyUnitKind')?.trim();
  if (!kind) out.keyUnitKind = null;
  else {
    const value = keyUnitKindOf(kind);
    if (value) out.keyUnitKind = value;
    else reject('keyUnitKind', 'KEY_UNIT_KIND_UNKNOWN', `无法识别的重点场所类型“${kind.slice(0, 20)}”（应为 ${Object.values(KEY_UNIT_LABELS).join('、')}）`);
  }
  const conclusion = text('lastConclusion')?.trim();
  if (!conclusion) out.lastConclusion = null;
  else {
    const value = conclusionOf(conclusion);
    if (value) out.lastConclusion = value;
    else reject('lastConclusion', 'CONCLUSION_UNKNOWN', `无法识别的检验结论“${conclusion.slice(0, 20)}”（应为 合格、基本符合要求 或 不合格）`);
  }
  const grade = text('safetyGrade')?.trim();
  if (!grade) out.safetyGrade = null;
  else {
    const m = /^([1-5])(\.0+)?\s*级?$/.exec(grade);
    if (!m) reject('safetyGrade', 'SAFETY_GRADE', `安全状况等级应为 1–5 级，不是“${grade.slice(0, 20)}”`);
    else if (out.category !== undefined && out.category !== '2000') reject('safetyGrade', 'SAFETY_GRADE', '只有压力容器（2000）有安全状况等级');
    else out.safetyGrade = Number(m[1]);
  }
  if (!problems.length) {
    const state = checkInspectionState({ lastInspectedOn: out.lastInspectedOn as string | null, lastConclusion: out.lastConclusion as never, nextInspectionDue: out.nextInspectionDue as string | null });
    if (!state.ok) reject(state.problem.field as UnitFileField, state.problem.code, state.problem.message);
  }
  return problems.length ? problems : out;
}

const rowsOf = async <T>(tx: Db, query: SQL) => ((await tx.execute(query)) as unknown as { rows: T[] }).rows;

const COLUMN_LIST = sql.raw(STAGED_COLUMNS);
const SOURCE_LIST = sql.raw(COLUMNS.map((c) => `s.${c.column}`).join(', '));

const SAVEPOINT_NAME = 'equipment_import_batch';
const SAVEPOINT = sql.raw(SAVEPOINT_NAME);

/** The columns each batch writes: the file's, then the import and who ran it. */
const WRITTEN_COLUMNS = [...COLUMNS.map((c) => c.column), 'import_id', 'created_by_name'];

/**
 * Writes rows that are expected to fit (users known, no value repeated within them) and releases
 * the batch's savepoint: on PostgreSQL by `COPY … FROM STDIN`, PostgreSQL's bulk path (as the
 * `COPY … FROM '<file>'` the bench compares with), the release queued right behind it (one round trip
 * less); on PGlite, whose driver has no COPY from the client, by one `INSERT … SELECT FROM unnest`.
 * Fails with 23505 when a code or registration number is taken after all (the savepoint then stays).
 */
async function writeRows(tx: Db, rows: readonly Staged[], importId: string, actorName: string, insert: (rows: readonly Staged[], tail: SQL) => SQL): Promise<void> {
  const client = pgClientOf(tx);
  if (!client) {
    if (rows.length) await tx.execute(insert(rows, sql``));
    await tx.execute(sql`release savepoint ${SAVEPOINT}`);
    return;
  }
  const text = copyText(rows.map((r) => [...COLUMNS.map((c) => r[c.key]), importId, actorName]));
  const [copied, released] = await Promise.allSettled([rows.length ? copyRows(client, 'equipment_units', WRITTEN_COLUMNS, text) : undefined, client.query(`release savepoint ${SAVEPOINT_NAME}`)]);
  // A failed COPY fails the release behind it (transaction aborted): its own error is the one that says why.
  if (copied.status === 'rejected') throw copied.reason;
  if (released.status === 'rejected') throw released.reason;
}

/** Whether two rows of the batch share a code or a registration number (then the batch goes the slow way). */
function repeatsWithin(rows: readonly Staged[]): boolean {
  const codes = new Set<unknown>();
  const regs = new Set<unknown>();
  for (const r of rows) {
    if (codes.has(r.equipmentCode) || (r.registrationNo !== null && regs.has(r.registrationNo))) return true;
    codes.add(r.equipmentCode);
    if (r.registrationNo !== null) regs.add(r.registrationNo);
  }
  return false;
}

/**
 * Writes one batch of checked rows straight into `equipment_units` and tells which rows it could
 * not write, and why — no staging table, no query per row. One probe finds the user units missing
 * from the register (USER_UNKNOWN); the other rows are written under a savepoint in one go
 * (`writeRows`: COPY on PostgreSQL), so the unique indexes check codes and registration numbers as
 * COPY's would. When a value is taken (by a unit already registered, or by an earlier row of this
 * file — a repeat within the batch is seen in memory and skips the attempt), the batch is rolled
 * back to the savepoint and written again, in file order with ON CONFLICT DO NOTHING, so the first
 * occurrence wins; then set queries over the rows left out say which value was taken, and by whom.
 */
async function writeBatch(tx: Db, batch: readonly Staged[], importId: string, actorName: string, header: HeaderMap<UnitFileField>, knownUsers: Set<string>): Promise<{ created: number; rejected: Rejection[] }> {
  const rejected: Rejection[] = [];
  if (batch.length === 0) return { created: 0, rejected };
  // Users not yet found in the register by an earlier batch of this import: one probe, sent together with the savepoint.
  const unseen = [...new Set(batch.map((r) => r.userUscc as string).filter((u) => !knownUsers.has(u)))];
  const fast = !repeatsWithin(batch);
  const [found] = await Promise.all([
    unseen.length ? rowsOf<{ uscc: string }>(tx, sql`select uscc from enterprises where uscc = any(${param(unseen)}::text[])`) : [],
    fast ? tx.execute(sql`savepoint ${SAVEPOINT}`) : undefined,
  ]);
  for (const r of found) knownUsers.add(r.uscc);
  const sent = batch.filter((r) => {
    if (knownUsers.has(r.userUscc as string)) return true;
    rejected.push({ row: r.row, column: header.label.userUscc, code: 'USER_UNKNOWN', message: `使用单位（${String(r.userUscc).slice(0, 40)}）不在市场主体名录中，请先登记该企业` });
    return false;
  });

  const insert = (rows: readonly Staged[], tail: SQL) => {
    const arrays = sql.join(COLUMNS.map((c) => sql`${param(rows.map((r) => r[c.key]))}::${sql.raw(c.type)}[]`), sql`, `);
    return sql`insert into equipment_units (${COLUMN_LIST}, import_id, created_by_name)
        select ${SOURCE_LIST}, ${importId}::uuid, ${actorName}
          from unnest(${arrays}) with ordinality as s(${COLUMN_LIST}, n)
        ${tail}`;
  };
  if (fast) {
    try {
      await writeRows(tx, sent, importId, actorName, insert);
      return { created: sent.length, rejected };
    } catch (err) {
      if (pgErrorOf(err)?.code !== '23505') throw err;
      await tx.execute(sql`rollback to savepoint ${SAVEPOINT}`);
      await tx.execute(sql`release savepoint ${SAVEPOINT}`);
    }
  }
  const written = await rowsOf<{ equipment_code: string; registration_no: string | null }>(tx, insert(sent, sql`order by s.n on conflict do nothing returning equipment_code, registration_no`));
  if (written.length === sent.length) return { created: written.length, rejected };

  // The rows left out: a written (code, registration number) belongs to the first sent row holding it.
  const keyOf = (code: unknown, reg: unknown) => `${String(code)}\u0000${reg === null ? '' : String(reg)}`;
  const pending = new Map<string, number>();
  for (const w of written) pending.set(keyOf(w.equipment_code, w.registration_no), (pending.get(keyOf(w.equipment_code, w.registration_no)) ?? 0) + 1);
  const left = sent.filter((r) => {
    const key = keyOf(r.equipmentCode, r.registrationNo);
    const n = pending.get(key) ?? 0;
    if (n > 0) pending.set(key, n - 1);
    return n === 0;
  });
  const codes = left.map((r) => r.equipmentCode as string);
  const regs = left.map((r) => r.registrationNo).filter((v): v is string => typeof v === 'string');
  const takenCodes = await rowsOf<{ value: string; ours: boolean }>(tx, sql`select equipment_code as value, import_id is not distinct from ${importId}::uuid as ours from equipment_units where equipment_code = any(${param(codes)}::text[])`);
  const takenRegs = regs.length ? await rowsOf<{ value: string; ours: boolean }>(tx, sql`select registration_no as value, import_id is not distinct from ${importId}::uuid as ours from equipment_units where registration_no = any(${param(regs)}::text[])`) : [];
  const codeTaken = new Map(takenCodes.map((r) => [r.value, r.ours]));
  const regTaken = new Map(takenRegs.map((r) => [r.value, r.ours]));
  for (const r of left) {
    const code = r.equipmentCode as string;
    const reg = r.registrationNo as string | null;
    const codeOurs = codeTaken.get(code);
    const regOurs = reg === null ? undefined : regTaken.get(reg);
    const reasons: Rejection[] = [];
    if (codeOurs === false) reasons.push({ row: r.row, column: header.label.equipmentCode, code: 'DUPLICATE', message: `设备代码 ${code} 已登记` });
    if (regOurs === false) reasons.push({ row: r.row, column: header.label.registrationNo, code: 'DUPLICATE', message: `使用登记证编号 ${reg} 已被其他设备使用` });
    // Taken by this file's own rows: a repeat — unless the row already failed on a unit registered before
    // (then a later row of the file with the same value may have been written in its place).
    if (!reasons.length && codeOurs === true) reasons.push({ row: r.row, column: header.label.equipmentCode, code: 'DUPLICATE_IN_FILE', message: `设备代码 ${code} 在文件中重复出现，仅导入第一次出现的行` });
    if (!reasons.some((x) => x.code === 'DUPLICATE') && regOurs === true) reasons.push({ row: r.row, column: header.label.registrationNo, code: 'DUPLICATE_IN_FILE', message: `使用登记证编号 ${reg} 在文件中重复出现，仅导入第一次出现的行` });
    // Not expected (a row is left out only for a taken value); never a row left out without a reason.
    if (!reasons.length) reasons.push({ row: r.row, column: header.label.equipmentCode, code: 'DUPLICATE', message: `设备代码 ${code} 与已登记的设备冲突` });
    rejected.push(...reasons);
  }
  return { created: written.length, rejected };
}

/**
 * Imports units from a spreadsheet with the register's import rules (platform/files/import.ts):
 * rows are checked while the file streams in (catalogue, division and scope in memory), written in
 * batches of 5,000 straight into the table (`writeBatch`: the user's existence and the uniqueness of
 * code and registration number checked by the statement that writes the batch; one batch written
 * while the next is read), all in one transaction with an import record and one audit event. Units are only created:
 * a unit already registered is a rejected row (DUPLICATE). In all-or-nothing mode any rejection
 * rolls the whole import back: nothing is written.
 */
export function makeUnitImport(deps: EquipmentDeps & { dictionary: () => Promise<Map<string, CategoryEntry>> }) {
  return async function importUnits(ctx: RequestContext & { actor: Actor }, file: ImportFile, modeOf: () => Promise<ImportMode>): Promise<ImportResult> {
    const dictionary = await deps.dictionary();
    const topByName = new Map<string, string>();
    const subByName = new Map<string, string>();
    for (const c of dictionary.values()) {
      if (c.parentCode === null) topByName.set(c.name, c.code);
      else subByName.set(`${c.parentCode}:${c.name}`, c.code);
    }
    const rowContext: RowContext = { dictionary, topByName, subByName, resolveRegion: await deps.jurisdiction.regionResolver(), actor: ctx.actor, today: todayInChina() };
    const importId = randomUUID();
    /** User units found in the register by earlier batches (at most the register's size). */
    const knownUsers = new Set<string>();
    let created = 0;
    const rejections: Rejection[] = [];
    return runImport(deps.db, file, modeOf, {
      columns: UNIT_FILE_COLUMNS,
      required: REQUIRED_UNIT_FIELDS,
      begin: async () => undefined,
      check: (row, cells, header) => checkRow(row, cells, header, rowContext),
      async stage(tx, batch, header) {
        const result = await writeBatch(tx, batch, importId, ctx.actor.name, header, knownUsers);
        created += result.created;
        rejections.push(...result.rejected);
      },
      reject: async () => rejections,
      async commit(tx, _header, run) {
        // Fresh statistics after a bulk change, or the planner misjudges lists until autovacuum runs.
        if (created >= ANALYZE_AFTER_ROWS) await tx.execute(sql`analyze equipment_units`);
        const record = { fileName: run.fileName, mode: run.mode, rows: created + run.rejected, created, rejected: run.rejected, importedByName: ctx.actor.name };
        await tx.insert(equipmentImports).values({ id: importId, ...record });
        await deps.audit.record(tx, ctx, { action: 'equipment.imported', targetType: 'equipment_import', targetId: importId, after: { ...record, sha256: run.sha256 } });
        return { imported: created, updated: 0, unchanged: 0 };
      },
    });
  };
}
