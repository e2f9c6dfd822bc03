import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../http/errors.js';

/**
 * PDF documents on pdfkit with a CJK font (reports for staff: the credit archive). pdfkit's
 * document is a readable stream: send it as the reply and call `end()` when written; pages are
 * flushed as they are finished, so nothing concatenates the file in memory.
 */

/** A font file and, for a collection (.ttc/.otc), the PostScript name of the face to use. */
export interface PdfFont {
  path: string;
  face?: string;
}

/** System CJK fonts, first found wins (Debian/Ubuntu paths of fonts-noto-cjk, fonts-wqy-*, then other distributions'). */
export const SYSTEM_PDF_FONTS: readonly PdfFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
];

const COLLECTION = /\.(ttc|otc)$/i;

/**
 * The font to use: the configured one (`ZJ_PDF_FONT`: a .ttf/.otf file, or `file.ttc#PostScriptName`
 * for a face of a collection) if its file exists, else the first system font that exists; null
 * when there is none (a configured font that is missing is not replaced by a system one).
 */
export function findPdfFont(configured: string | null, candidates: readonly PdfFont[] = SYSTEM_PDF_FONTS): PdfFont | null {
  if (configured) {
    const hash = configured.lastIndexOf('#');
    const font: PdfFont = hash > 0 ? { path: configured.slice(0, hash), face: configured.slice(hash + 1) || undefined } : { path: configured };
    if (COLLECTION.test(font.path) && !font.face) return null;
    return fs.existsSync(font.path) ? font : null;
  }
  return candidates.find((f) => fs.existsSync(f.path)) ?? null;
}

/** `findPdfFont`, or 503 PDF_FONT_MISSING telling the administrator what to do. */
export function requirePdfFont(configured: string | null, candidates?: readonly PdfFont[]): PdfFont {
  const font = findPdfFont(configured, candidates);
  if (font) return font;
  const what = configured ? `配置的字体 ${configured} 不存在（字体集 .ttc 须写成“路径#字体名”）` : '服务器上没有中文字体';
  throw new AppError('PDF_FONT_MISSING', `无法生成PDF：${what}。请安装 fonts-noto-cjk，或设置 ZJ_PDF_FONT 为中文字体文件的路径。`, 503, { configured });
}

export type Pdf = PDFKit.PDFDocument;

const MARGIN = 50;
const HEADER_SIZE = 9;
const BODY_SIZE = 10.5;

/**
 * A new A4 document in the font, with `header` (e.g. 内部资料 仅供监管使用) printed at the top of
 * every page. The caller writes, then calls `end()`; `pages()` counts the pages so far.
 */
export function startPdf(font: PdfFont, opts: { title: string; author: string; header?: string }): Pdf & { pages: () => number } {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: opts.title, Author: opts.author }, autoFirstPage: false });
  doc.registerFont('cjk', font.path, font.face);
  let pages = 0;
  doc.on('pageAdded', () => {
    pages++;
    doc.font('cjk');
    if (opts.header) {
      doc.fontSize(HEADER_SIZE).fillColor('#a8071a').text(opts.header, MARGIN, MARGIN / 2, { width: contentWidth(doc), align: 'right', lineBreak: false });
      doc.fillColor('black');
    }
    doc.x = MARGIN;
    doc.y = MARGIN;
    doc.fontSize(BODY_SIZE);
  });
  doc.addPage();
  return Object.assign(doc, { pages: () => pages });
}

const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomOf = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;

/** The document's title, centred and large. */
export function pdfTitle(doc: Pdf, text: string): void {
  doc.fontSize(20).text(text, { align: 'center' }).moveDown(0.8).fontSize(BODY_SIZE);
}

/** A section heading. */
export function pdfHeading(doc: Pdf, text: string): void {
  if (doc.y + 40 > bottomOf(doc)) doc.addPage();
  doc.moveDown(0.6).fontSize(13).text(text, doc.page.margins.left).moveDown(0.3).fontSize(BODY_SIZE);
}

/** A paragraph of body text. */
export function pdfLine(doc: Pdf, text: string): void {
  doc.fontSize(BODY_SIZE).text(text, doc.page.margins.left, undefined, { width: contentWidth(doc) });
}

const PAD = 3;

/**
 * A table with ruled cells: `widths` are fractions of the text width (summing to 1); a row that
 * does not fit starts a new page, where the header row is repeated.
 */
export function pdfTable(doc: Pdf, header: string[], widths: number[], rows: string[][]): void {
  const left = doc.page.margins.left;
  const cols = widths.map((w) => w * contentWidth(doc));
  const heightOf = (cells: string[]) => Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: cols[i]! - 2 * PAD }))) + 2 * PAD;
  const draw = (cells: string[], shaded: boolean) => {
    const h = heightOf(cells);
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      if (shaded) doc.rect(x, y, cols[i]!, h).fillAndStroke('#f0f0f0', '#999999').fillColor('black');
      else doc.rect(x, y, cols[i]!, h).strokeColor('#999999').stroke();
      doc.text(c || ' ', x + PAD, y + PAD, { width: cols[i]! - 2 * PAD });
      x += cols[i]!;
    });
    doc.x = left;
    doc.y = y + h;
  };
  doc.fontSize(BODY_SIZE - 1);
  if (doc.y + heightOf(header) * 2 > bottomOf(doc)) doc.addPage();
  draw(header, true);
  for (const row of rows) {
    if (doc.y + heightOf(row) > bottomOf(doc)) {
      doc.addPage();
      doc.fontSize(BODY_SIZE - 1);
      draw(header, true);
    }
    draw(row, false);
  }
  doc.fontSize(BODY_SIZE).moveDown(0.5);
}
