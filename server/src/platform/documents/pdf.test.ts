import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { pdfStreams, toUnicodeHex } from './pdf-testing.js';
import { SYSTEM_PDF_FONTS, findPdfFont, pdfHeading, pdfLine, pdfTable, pdfTitle, requirePdfFont, startPdf } from './pdf.js';

const font = findPdfFont(null);

describe('findPdfFont', () => {
  it('takes a configured file that exists, a collection only with its face, and never falls back from a configured one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-pdf-font-'));
    const ttf = path.join(dir, 'font.ttf');
    const ttc = path.join(dir, 'fonts.ttc');
    fs.writeFileSync(ttf, '');
    fs.writeFileSync(ttc, '');
    try {
      expect(findPdfFont(ttf)).toEqual({ path: ttf });
      expect(findPdfFont(`${ttc}#SomeFace-Regular`)).toEqual({ path: ttc, face: 'SomeFace-Regular' });
      expect(findPdfFont(ttc)).toBeNull();
      expect(findPdfFont(path.join(dir, 'missing.ttf'))).toBeNull();
      expect(findPdfFont(null, [{ path: path.join(dir, 'missing.ttc'), face: 'X' }, { path: ttc, face: 'Y' }])).toEqual({ path: ttc, face: 'Y' });
      expect(findPdfFont(null, [{ path: path.join(dir, 'missing.ttc'), face: 'X' }])).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without a font: 503 PDF_FONT_MISSING saying to install fonts-noto-cjk or set ZJ_PDF_FONT', () => {
    const err = (() => {
      try {
        requirePdfFont(null, []);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'PDF_FONT_MISSING', status: 503 });
    expect(err!.message).toContain('fonts-noto-cjk');
    expect(err!.message).toContain('ZJ_PDF_FONT');
    expect(SYSTEM_PDF_FONTS[0]).toEqual({ path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' });
  });
});

// CI installs fonts-noto-cjk; a machine without a CJK font skips the rendering test.
describe.skipIf(!font)('startPdf with a CJK font', () => {
  it('embeds the font, renders the Chinese text, repeats the header on each page and breaks long tables over pages', async () => {
    const doc = startPdf(font!, { title: '测试文件', author: '测试', header: '内部资料 仅供监管使用' });
    pdfTitle(doc, '企业质量信用档案');
    pdfHeading(doc, '一、概况');
    pdfLine(doc, '统一社会信用代码：91320800MA1XXXXX00');
    pdfTable(
      doc,
      ['日期', '事项'],
      [0.3, 0.7],
      Array.from({ length: 150 }, (_, i) => [`2026-01-${String((i % 28) + 1).padStart(2, '0')}`, `第${i + 1}条记录：监督检查合格`]),
    );
    const pages = doc.pages();
    doc.end();
    const pdf = await buffer(doc);

    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pdf.toString('latin1')).toMatch(new RegExp(`/Type /Pages\\s*/Count ${pages}\\b`));
    expect(pdf.toString('latin1')).toMatch(/\/FontFile[23]? /);
    if (font!.face) expect(pdf.toString('latin1')).toContain(`+${font!.face}`);
    const streams = pdfStreams(pdf);
    for (const ch of '企业质量信用档案内部资料仅供监管使用监督检查合格') expect(streams).toContain(toUnicodeHex(ch));
  });
});
