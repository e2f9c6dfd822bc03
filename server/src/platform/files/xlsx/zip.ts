import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { type ImportLimits, tooLarge, unreadableXlsx } from '../limits.js';

/** The parts of an .xlsx package, read one at a time as text. */
export interface XlsxPackage {
  /** Whether the package has a part of this name (part names ignore case, as OPC says). */
  has(name: string): boolean;
  /** The unzipped size a part declares (0 when there is no such part). */
  size(name: string): number;
  /** Decoded text of a part, chunk by chunk (never a character split between chunks). */
  text(name: string): AsyncGenerator<string>;
  close(): void;
}

const MB = 1024 * 1024;

/**
 * Opens a zip file on disk as an .xlsx package. Its central directory is checked against the
 * limits before anything is unpacked — the number of entries and the sum of their declared sizes —
 * and yauzl checks each entry while unpacking: it fails as soon as an entry gives more bytes than
 * it declared, so the declared sizes bound both time and memory.
 */
export async function openPackage(file: string, limits: ImportLimits): Promise<XlsxPackage> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err ? reject(unreadableXlsx()) : resolve(z))),
  );
  let failure: Error | undefined;
  zip.on('error', (err: Error) => (failure ??= err)); // an unlistened 'error' would end the process
  try {
    if (zip.entryCount > limits.zipEntries) throw tooLarge(`压缩包内文件数 ${zip.entryCount} 超过 ${limits.zipEntries}`, { limit: 'zipEntries' });
    const entries = await readEntries(zip, limits, () => failure);
    return {
      has: (name) => entries.has(name.toLowerCase()),
      size: (name) => entries.get(name.toLowerCase())?.uncompressedSize ?? 0,
      text: (name) => partText(zip, entries.get(name.toLowerCase()), name),
      close: () => zip.close(),
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}

/** The central directory: every entry by lower-case name, the declared sizes summed up. */
function readEntries(zip: ZipFile, limits: ImportLimits, failure: () => Error | undefined): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    let unzipped = 0;
    const fail = (err: Error) => {
      zip.removeAllListeners('entry').removeAllListeners('end');
      reject(err);
    };
    zip.on('entry', (entry: Entry) => {
      unzipped += entry.uncompressedSize;
      if (unzipped > limits.unzippedBytes) return fail(tooLarge(`解压后超过 ${Math.floor(limits.unzippedBytes / MB)} MB`, { limit: 'unzippedBytes' }));
      if (entry.isEncrypted()) return fail(unreadableXlsx('文件已加密'));
      entries.set(entry.fileName.replace(/^\/+/, '').toLowerCase(), entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', () => fail(unreadableXlsx()));
    if (failure()) return fail(unreadableXlsx());
    zip.readEntry();
  });
}

/** Text of one entry, decoded as it is unpacked. */
async function* partText(zip: ZipFile, entry: Entry | undefined, name: string): AsyncGenerator<string> {
  if (!entry) throw unreadableXlsx(`缺少 ${name}`);
  const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(unreadableXlsx()) : resolve(s))));
  try {
    yield* textOf(stream);
  } catch (err) {
    throw unreadableXlsx(err instanceof Error && /too many bytes/.test(err.message) ? `${name} 的实际大小与声明不符` : undefined);
  } finally {
    stream.destroy();
  }
}

/**
 * XML bytes as text: UTF-8 (a BOM dropped), or UTF-16 when a BOM says so, decoded as a stream —
 * a character split between two chunks is joined, never replaced.
 */
export async function* textOf(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  for await (const chunk of bytes) {
    if (!chunk.length) continue;
    decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-8');
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder?.decode();
  if (rest) yield rest;
}
