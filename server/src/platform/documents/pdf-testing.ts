import zlib from 'node:zlib';

/** Test helpers for reading back PDF files made with pdf.ts. */

/** The file's streams inflated (pdfkit compresses content, fonts and ToUnicode maps), as latin1 text. */
export function pdfStreams(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    try {
      out.push(zlib.inflateSync(raw).toString('latin1'));
    } catch {
      out.push(raw.toString('latin1'));
    }
  }
  return out.join('\n');
}

/** The hex the ToUnicode map gives a character (BMP), as pdfkit writes it: 信 → <4fe1>. */
export const toUnicodeHex = (ch: string) => `<${ch.codePointAt(0)!.toString(16).padStart(4, '0')}>`;
