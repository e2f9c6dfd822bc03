import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { setAttachment } from '../http/download.js';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EXPORT_CONTENT_TYPES = ['text/csv', XLSX];

/**
 * A CSV cell that spreadsheet programs would run as a formula (it starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return, possibly behind quotes of its own) gets a leading `'`, which makes it
 * text; our importers take exactly that `'` off again (see `unquoteCell`).
 */
export const neutraliseCsvCell = (cell: string) => (/^'*[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

/** UTF-8 with BOM, so Excel on Chinese Windows opens it correctly; no cell can start a formula. */
export function toCsv(rows: AsyncIterable<string[]>): Readable {
  const out = stringify({ bom: true });
  async function* neutralised() {
    for await (const row of rows) yield row.map(neutraliseCsvCell);
  }
  pipeline(Readable.from(neutralised()), out).catch((err: unknown) => out.destroy(err as Error));
  return out;
}

/**
 * A cell's text as .xlsx stores it, as Excel writes it: `_xHHHH_` stands for a character XML
 * cannot carry (a control character, or a carriage return XML would turn into a line feed), so a
 * literal `_xHHHH_` is escaped (`_x005F_` is the underscore); all of it reads back unchanged.
 */
export function xlsxText(cell: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/_x|[\u0000-\u0008\u000b-\u001f\ufffe\uffff]/.test(cell)) return cell;
  return (
    cell
      .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
  );
}

/** One sheet of text cells (never formulas), written row by row as the rows come: constant memory. */
export function toXlsx(rows: AsyncIterable<string[]>, sheetName: string): Readable {
  const out = new PassThrough();
  (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName);
    for await (const row of rows) sheet.addRow(row.map(xlsxText)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

/**
 * Streams `rows` (the header first) as a download named `<asciiName>-<date>.<format>`, offered as
 * `<title>-…` to clients that read Unicode file names; `title` also names the .xlsx sheet.
 */
export function sendSpreadsheet(reply: FastifyReply, format: ExportFormat, rows: AsyncIterable<string[]>, names: { asciiName: string; title: string }) {
  const filename = `${names.asciiName}-${new Date().toISOString().slice(0, 10)}.${format}`;
  setAttachment(reply, filename, `${names.title}-${filename}`);
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
  return reply.type(XLSX).send(toXlsx(rows, names.title));
}
