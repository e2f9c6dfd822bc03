import { Readable, type Transform } from 'node:stream';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'gb18030';

const SNIFF_BYTES = 64 * 1024;

/**
 * UTF-8 (with or without BOM) or GBK, as Excel on Chinese Windows saves CSV. Decides on the
 * first 64 KB: valid UTF-8 there means UTF-8, otherwise GB18030 (a superset of GBK).
 */
export function detectEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // Drop a multi-byte character cut off at the end of the sample before the strict check.
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = head[end - back]!;
    if ((b & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/**
 * Reads ahead enough to detect the encoding; returns the whole input again as a byte stream and
 * the decoder to pipe it through (the caller joins them in a pipeline, so every error is handled).
 */
export async function decodeText(input: AsyncIterable<Buffer>): Promise<{ encoding: TextEncoding; source: Readable; decoder: Transform }> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  const first = Buffer.concat(head);
  const encoding = detectEncoding(first);
  async function* bytes() {
    try {
      yield first;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      if (!done) await iterator.return?.();
    }
  }
  return { encoding, source: Readable.from(bytes()), decoder: iconv.decodeStream(encoding, { stripBOM: true }) as unknown as Transform };
}
