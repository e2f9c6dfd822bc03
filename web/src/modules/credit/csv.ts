/**
 * The check's results as CSV, written in the browser: UTF-8 with BOM (Excel on Chinese Windows), quoted
 * cells, and no cell can start a formula (the server's rule, platform/files/export.ts
 * `neutraliseCsvCell`: a cell starting with = + - @ tab or CR gets a leading apostrophe).
 */
export const neutraliseCsvCell = (cell: string) => (/^'*[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function toCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => row.map((c) => quote(neutraliseCsvCell(c))).join(',')).join('\r\n')}\r\n`;
}

/** Offers `text` as a file download. */
export function saveText(text: string, name: string, type = 'text/csv;charset=utf-8'): void {
  saveBlob(new Blob([text], { type }), name);
}

/** Offers a blob as a file download under `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
