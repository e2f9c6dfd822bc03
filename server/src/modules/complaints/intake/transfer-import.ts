import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { cellDate, cellText } from '../../../platform/files/cells.js';
import type { FileColumn, HeaderMap } from '../../../platform/files/header.js';
import { type CellProblem, type ImportFile, type ImportMode, type ImportResult, type Rejection, runImport } from '../../../platform/files/import.js';
import type { Cell } from '../../../platform/files/read-rows.js';
import { AppError, pgErrorOf } from '../../../platform/http/errors.js';
import { type Checked, checkCellText } from '../../../platform/validation/fields.js';
import { checkIdNumber } from '../../../platform/validation/id-number.js';
import { checkUscc } from '../../enterprises/index.js';
import type { ComplaintsDeps } from '../complaints.deps.js';
import { type ComplaintKind, complaints } from '../complaints.schema.js';
import { complaintCategories } from '../routing/routing.schema.js';
import type { IntakeService, SubmissionInput } from './intake.service.js';
import { checkReporter } from './reporter.js';

/**
 * The columns of a day's 12315 transfer list (Chinese headers; English field names and the usual
 * variants accepted). 转办编号 and 问题描述 are required.
 */
export const TRANSFER_FILE_COLUMNS = [
  { field: 'channelRef', header: '转办编号', aliases: ['channelref', 'channel_ref', '转办单号', '工单编号', '12315编号'] },
  { field: 'kind', header: '类型', aliases: ['kind', '诉求类型', '投诉举报类型'] },
  { field: 'receivedOn', header: '登记日期', aliases: ['receivedon', 'received_on', '受理日期', '登记时间', '转办日期'] },
  { field: 'subjectName', header: '被投诉举报对象', aliases: ['subjectname', 'subject_name', '被投诉对象', '被举报对象', '被投诉举报单位'] },
  { field: 'subjectUscc', header: '统一社会信用代码', aliases: ['subjectuscc', 'subject_uscc', 'uscc', '信用代码'] },
  { field: 'equipmentRegistrationNo', header: '特种设备使用登记证编号', aliases: ['equipmentregistrationno', 'equipment_registration_no', '使用登记证编号'] },
  { field: 'regionCode', header: '所属区划', aliases: ['regioncode', 'region_code', '区划代码', '行政区划代码'] },
  { field: 'place', header: '地点', aliases: ['place', '发生地点', '事发地点'] },
  { field: 'description', header: '问题描述', aliases: ['description', '诉求内容', '投诉举报内容'] },
  { field: 'category', header: '紧急类别', aliases: ['category', '类别', '分类'] },
  { field: 'reporterName', header: '投诉举报人姓名', aliases: ['reportername', 'reporter_name', '投诉人姓名', '举报人姓名'] },
  { field: 'reporterPhone', header: '联系电话', aliases: ['reporterphone', 'reporter_phone', '电话', '手机号码'] },
  { field: 'reporterIdNumber', header: '身份证号', aliases: ['reporteridnumber', 'reporter_id_number', '身份证号码'] },
  { field: 'reporterAddress', header: '联系地址', aliases: ['reporteraddress', 'reporter_address'] },
] as const satisfies readonly FileColumn[];

export type TransferField = (typeof TRANSFER_FILE_COLUMNS)[number]['field'];
export const REQUIRED_TRANSFER_FIELDS: TransferField[] = ['channelRef', 'description'];

/** The template's only row: the headers. */
export const transferFileHeader = () => TRANSFER_FILE_COLUMNS.map((c) => c.header);

const KIND_LABELS: Record<ComplaintKind, string> = { complaint: '投诉', report: '举报', enquiry: '咨询', suggestion: '建议' };
const KIND_BY_TEXT = new Map<string, ComplaintKind>(
  (Object.entries(KIND_LABELS) as [ComplaintKind, string][]).flatMap(([k, label]) => [
    [k, k],
    [label, k],
  ]),
);

/** A checked row: what `createInTx` is given. */
interface Staged {
  row: number;
  channelRef: string;
  receivedOn: string | null;
  input: SubmissionInput;
}

/** What the row checks need, read once per import. */
interface RowContext {
  /** Category keys and names (active ones) to their keys. */
  categories: ReadonlyMap<string, string>;
  resolveRegion: (code: string) => string | null;
  today: string;
  /** 转办编号 of the file's valid rows so far (a repeat is refused). */
  seen: Set<string>;
}

/**
 * Validates one data row. Messages never repeat a reporter's value (name, phone, ID number,
 * address) nor the description: they name the column and what is wrong.
 */
function checkRow(row: number, cells: Cell[], header: HeaderMap<TransferField>, ctx: RowContext): Staged | CellProblem<TransferField>[] {
  const text = (f: TransferField) => cellText(header.index[f] === undefined ? undefined : cells[header.index[f]!]);
  const problems: CellProblem<TransferField>[] = [];
  const reject = (field: TransferField, code: string, message: string) => problems.push({ field, code, message });
  const take = <T>(f: TransferField, r: Checked<T>): T | undefined => {
    if (r.ok) return r.value;
    reject(f, r.problem.code, r.problem.message);
    return undefined;
  };

  const channelRef = take('channelRef', checkCellText(text('channelRef'), 'channelRef', '转办编号', { required: true, max: 100 }));
  const rawKind = text('kind')?.replace(/\s/g, '');
  const kind = rawKind ? KIND_BY_TEXT.get(rawKind) : 'complaint';
  if (!kind) reject('kind', 'KIND_UNKNOWN', `无法识别的类型“${rawKind!.slice(0, 20)}”（应为 投诉、举报、咨询 或 建议）`);

  let receivedOn: string | null = null;
  const rawDate = header.index.receivedOn === undefined ? null : cells[header.index.receivedOn];
  if (rawDate !== null && rawDate !== undefined && !(typeof rawDate === 'string' && !rawDate.trim())) {
    const iso = cellDate(rawDate);
    if (!iso) reject('receivedOn', 'DATE_FORMAT', `无法识别的登记日期“${String(rawDate).slice(0, 30)}”（如 2026-12-05、2026/12/5）`);
    else if (iso > ctx.today) reject('receivedOn', 'DATE_FUTURE', `登记日期 ${iso} 晚于今天`);
    else receivedOn = iso;
  }

  const subjectName = take('subjectName', checkCellText(text('subjectName'), 'subjectName', '被投诉举报对象', { max: 200 }));
  let subjectUscc: string | null = null;
  const rawUscc = text('subjectUscc')?.trim();
  if (rawUscc) {
    const checked = checkUscc(rawUscc);
    // A failing check digit is left to intake: it takes a code the register holds (an override there).
    if (checked.ok) subjectUscc = checked.value.uscc;
    else reject('subjectUscc', checked.problem.code, checked.problem.message);
  }
  const equipmentRegistrationNo = take('equipmentRegistrationNo', checkCellText(text('equipmentRegistrationNo'), 'equipmentRegistrationNo', '特种设备使用登记证编号', { max: 50 }));
  let regionCode: string | null = null;
  const rawRegion = text('regionCode')?.trim();
  if (rawRegion) {
    regionCode = ctx.resolveRegion(rawRegion);
    if (!regionCode) reject('regionCode', 'REGION_UNKNOWN', `所属区划“${rawRegion.slice(0, 20)}”不是本市的区划代码`);
  }
  const place = take('place', checkCellText(text('place'), 'place', '地点', { max: 200 }));
  const description = text('description')?.trim() ?? '';
  if (!description) reject('description', 'REQUIRED', '问题描述不能为空');
  else if ([...description].length > 5000) reject('description', 'TOO_LONG', '问题描述不能超过 5000 个字');

  let category: string | null = null;
  const rawCategory = text('category')?.trim();
  if (rawCategory) {
    category = ctx.categories.get(rawCategory) ?? null;
    if (!category) reject('category', 'CATEGORY_UNKNOWN', `无法识别的类别“${rawCategory.slice(0, 30)}”（应为启用的投诉举报分类的名称或代码，如 电梯困人）`);
  }

  // The reporter: a name and a phone, or nobody; never a value in a message.
  const name = take('reporterName', checkCellText(text('reporterName'), 'reporterName', '投诉举报人姓名', { max: 50 }));
  const phone = text('reporterPhone')?.replace(/[\s()（）]/g, '') || null;
  const idText = text('reporterIdNumber')?.trim() || null;
  const address = take('reporterAddress', checkCellText(text('reporterAddress'), 'reporterAddress', '联系地址', { max: 200 }));
  if (phone) {
    try {
      checkReporter({ name: '某', phone });
    } catch {
      reject('reporterPhone', 'PHONE_FORMAT', '联系电话格式不正确（应为 11 位手机号码或带区号的固定电话号码）');
    }
  }
  const idNumber = idText ? take('reporterIdNumber', checkIdNumber(idText, 'reporterIdNumber')) : null;
  const anyReporter = !!(name || phone || idText || address);
  if (anyReporter && !name) reject('reporterName', 'REQUIRED', '填写了投诉举报人信息时，投诉举报人姓名不能为空');
  if (anyReporter && !phone) reject('reporterPhone', 'REQUIRED', '填写了投诉举报人信息时，联系电话不能为空');
  if (kind === 'complaint' && !anyReporter) reject('reporterName', 'REPORTER_REQUIRED', '投诉须有投诉人姓名和联系电话（举报可以匿名）');

  if (!problems.length && ctx.seen.has(channelRef!)) reject('channelRef', 'DUPLICATE_IN_FILE', `转办编号 ${channelRef} 在文件中重复出现，仅导入第一次出现的行`);
  if (problems.length) return problems;
  ctx.seen.add(channelRef!);
  const input: SubmissionInput = {
    kind: kind!,
    subjectUscc,
    subjectName: subjectName ?? null,
    equipmentRegistrationNo: equipmentRegistrationNo ?? null,
    regionCode,
    place: place ?? null,
    category,
    description,
    reporter: anyReporter ? { name: name!, phone: phone!, idNumber, address: address ?? null } : null,
  };
  return { row, channelRef: channelRef!, receivedOn, input };
}

/** Intake's field names (an error's `details.field`) to the file's columns. */
const FIELD_COLUMNS: Record<string, TransferField> = {
  kind: 'kind',
  subjectUscc: 'subjectUscc',
  subjectName: 'subjectName',
  equipmentRegistrationNo: 'equipmentRegistrationNo',
  regionCode: 'regionCode',
  place: 'place',
  description: 'description',
  category: 'category',
  channelRef: 'channelRef',
  receivedOn: 'receivedOn',
  'reporter.name': 'reporterName',
  'reporter.phone': 'reporterPhone',
  'reporter.idNumber': 'reporterIdNumber',
  'reporter.address': 'reporterAddress',
};

/**
 * The import of a day's 12315 transfer list (POST /api/complaints/import): with the imports'
 * rules (platform/files/import.ts: .xlsx or .csv in UTF-8 or GBK, bounded, every row checked as the
 * file streams in, all in one transaction). Each valid row becomes an item on channel
 * `transfer_12315` with its 转办编号 as `channelRef`, through intake's `createInTx` (routing,
 * clocks from the 登记日期, sealed reporter, dispatch) — one savepoint per row, so a row intake
 * refuses is a rejected row. A 转办编号 already imported is skipped and counted (`unchanged`).
 * In all-or-nothing mode (the default) any rejected row rolls everything back.
 */
export function makeTransferImport(deps: ComplaintsDeps & { intake: IntakeService }) {
  const { db, intake, audit, jurisdiction } = deps;

  async function categoryMap(): Promise<Map<string, string>> {
    const rows = await db.select({ key: complaintCategories.key, name: complaintCategories.name }).from(complaintCategories).where(eq(complaintCategories.active, true));
    const map = new Map<string, string>();
    for (const c of rows) map.set(c.name, c.key);
    for (const c of rows) map.set(c.key, c.key);
    return map;
  }

  return {
    async importTransfers(ctx: RequestContext & { actor: Actor }, file: ImportFile, modeOf: () => Promise<ImportMode>): Promise<ImportResult> {
      const rowContext: RowContext = { categories: await categoryMap(), resolveRegion: await jurisdiction.regionResolver(), today: todayInChina(), seen: new Set() };
      let created = 0;
      let skipped = 0;
      const rejections: Rejection[] = [];
      return runImport(db, file, modeOf, {
        columns: TRANSFER_FILE_COLUMNS,
        required: REQUIRED_TRANSFER_FIELDS,
        begin: async () => undefined,
        check: (row, cells, header) => checkRow(row, cells, header, rowContext),
        async stage(tx, batch, header) {
          if (!batch.length) return;
          const taken = new Set(
            (
              await tx
                .select({ ref: complaints.channelRef })
                .from(complaints)
                .where(and(eq(complaints.channel, 'transfer_12315'), inArray(complaints.channelRef, batch.map((r) => r.channelRef))))
            ).map((r) => r.ref),
          );
          for (const r of batch) {
            if (taken.has(r.channelRef)) {
              skipped++;
              continue;
            }
            try {
              await tx.transaction((sp) => intake.createInTx(sp as unknown as Db, ctx, r.input, { channel: 'transfer_12315', channelRef: r.channelRef, receivedOn: r.receivedOn, createdById: ctx.actor.userId }));
              created++;
            } catch (err) {
              // Imported meanwhile by someone else: as if it had been there before.
              if ((err instanceof AppError && err.code === 'DUPLICATE_TRANSFER') || pgErrorOf(err)?.code === '23505') {
                skipped++;
                continue;
              }
              if (!(err instanceof AppError) || err.status !== 400) throw err;
              const field = FIELD_COLUMNS[(err.details as { field?: string } | undefined)?.field ?? ''] ?? 'description';
              rejections.push({ row: r.row, column: header.label[field], code: err.code, message: err.message });
            }
          }
        },
        reject: async () => rejections,
        async commit(tx, _header, run) {
          const importId = randomUUID();
          const record = { fileName: run.fileName, sha256: run.sha256, mode: run.mode, created, skipped, rejected: run.rejected };
          await audit.record(tx, ctx, { action: 'complaint.imported', targetType: 'complaint_import', targetId: importId, after: record });
          return { imported: created, updated: 0, unchanged: skipped };
        },
      });
    },
  };
}

export type TransferImport = ReturnType<typeof makeTransferImport>;
