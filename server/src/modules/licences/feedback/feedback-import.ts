import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { parseDate } from '../../../platform/calendar/dates.js';
import { cellDate, cellText } from '../../../platform/files/cells.js';
import type { FileColumn, HeaderMap } from '../../../platform/files/header.js';
import { type ImportFile, type ImportMode, type ImportResult, type Rejection, runImport } from '../../../platform/files/import.js';
import { AppError } from '../../../platform/http/errors.js';
import { normalizeUscc } from '../../enterprises/index.js';
import { FEEDBACK_KINDS, type FeedbackKind } from './feedback.schema.js';
import type { FeedbackInput, FeedbackService } from './feedback.service.js';

type Field = keyof FeedbackInput;

const COLUMNS: readonly FileColumn<Field>[] = [
  { field: 'uscc', header: '统一社会信用代码', aliases: ['uscc', '信用代码', '社会信用代码'] },
  { field: 'department', header: '通报部门', aliases: ['department', '来文单位', '通报单位'] },
  { field: 'kind', header: '通报类型', aliases: ['kind', '类型'] },
  { field: 'summary', header: '摘要', aliases: ['summary', '通报内容', '内容'] },
  { field: 'occurredOn', header: '发生日期', aliases: ['occurredon', 'occurred_on', '日期'] },
  { field: 'documentNo', header: '文号', aliases: ['documentno', 'document_no', '来文文号'] },
];
const REQUIRED: readonly Field[] = ['uscc', 'department', 'kind', 'summary', 'occurredOn'];

/** The Chinese labels a file may give for a kind (the key itself is accepted too). */
const KIND_LABELS: Record<FeedbackKind, string[]> = {
  licence_revoked: ['许可被吊销', '许可被吊销或撤销', '吊销'],
  licence_suspended: ['许可被暂停', '暂停'],
  conditions_changed: ['不再符合许可条件', '许可条件发生变化'],
  closure_decision: ['关停决定', '关闭决定'],
  serious_violation: ['严重违法', '严重违法行为'],
  other: ['其他'],
};
const KIND_BY_NAME = new Map<string, FeedbackKind>(FEEDBACK_KINDS.flatMap((k) => [k, ...KIND_LABELS[k]].map((name) => [name, k] as const)));

interface Staged {
  row: number;
  input: FeedbackInput;
}

/**
 * Imports notices an officer collected from other departments. Each row goes through
 * `FeedbackService.receive` — its checks, its queue and deadline, its audit event — in the import's
 * transaction (a rejected row is undone alone, inside its own savepoint). A notice already on file
 * with the same content is counted unchanged, so re-importing a file adds nothing; the same notice
 * twice in one file rejects the later row. Notices are never updated.
 */
export function makeFeedbackImport(deps: { db: Db; audit: AuditService; feedback: FeedbackService }) {
  return async function importFeedback(ctx: RequestContext & { actor: Actor }, file: ImportFile, modeOf: () => Promise<ImportMode>): Promise<ImportResult> {
    const rejected: Rejection[] = [];
    let imported = 0;
    let unchanged = 0;

    async function receive(tx: Db, { row, input }: Staged, header: HeaderMap<Field>) {
      const seen = await existing(tx, input);
      if (seen === 'thisImport') {
        rejected.push({ row, column: header.label.summary, code: 'DUPLICATE_IN_FILE', message: '与文件中前面的一行是同一条通报，仅导入第一次出现的行' });
      } else if (seen === 'before') {
        unchanged++;
      } else {
        try {
          await deps.feedback.receive(ctx, input, 'import', tx);
          imported++;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const field = (err.details as { field?: Field } | undefined)?.field;
          rejected.push({ row, column: field ? header.label[field] : '', code: err.code, message: err.message });
        }
      }
    }

    return runImport(deps.db, file, modeOf, {
      columns: COLUMNS,
      required: REQUIRED,
      begin: async () => undefined,
      check(row, cells, h) {
        const text = (f: Field) => (h.index[f] === undefined ? null : cellText(cells[h.index[f]!]));
        const kind = text('kind')?.trim() ?? '';
        const occurred = h.index.occurredOn === undefined ? null : (cells[h.index.occurredOn] ?? null);
        return {
          row,
          input: {
            uscc: text('uscc') ?? '',
            department: text('department') ?? '',
            kind: KIND_BY_NAME.get(kind) ?? kind,
            summary: text('summary') ?? '',
            occurredOn: (occurred === null ? null : cellDate(occurred)) ?? text('occurredOn') ?? '',
            documentNo: text('documentNo'),
          },
        };
      },
      // Rows are received as they come (in order, one batch at a time): `receive` is the one check.
      async stage(tx, batch, header) {
        for (const staged of batch) await receive(tx, staged, header);
      },
      reject: async () => rejected,
      async commit(tx, _header, run) {
        const outcome = { imported, updated: 0, unchanged };
        await deps.audit.record(tx, ctx, { action: 'feedback.imported', targetType: 'feedback_import', targetId: randomUUID(), after: { ...run, ...outcome } });
        return outcome;
      },
    });
  };
}

/**
 * Whether a notice with this content is on file: received before, or earlier in this import (its
 * `created_at` is the transaction's start, `now()`, as for every row this transaction inserts).
 * Only asked for input `receive` could accept (a malformed date would break the query).
 */
async function existing(tx: Db, input: FeedbackInput): Promise<'before' | 'thisImport' | null> {
  if (!parseDate(input.occurredOn) || !(FEEDBACK_KINDS as readonly string[]).includes(input.kind)) return null;
  const { rows } = (await tx.execute(sql`
    select created_at = now() as this_import from licence_feedback
    where uscc = ${normalizeUscc(input.uscc)} and department = ${input.department.trim()} and kind = ${input.kind}
      and summary = ${input.summary.trim()} and occurred_on = ${input.occurredOn} and document_no is not distinct from ${input.documentNo?.trim() || null}
    order by created_at = now() desc limit 1`)) as unknown as { rows: { this_import: boolean }[] };
  if (!rows[0]) return null;
  return rows[0].this_import ? 'thisImport' : 'before';
}
