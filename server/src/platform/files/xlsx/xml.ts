import { SaxesParser } from 'saxes';
import { AppError } from '../../http/errors.js';
import { tooLarge, unreadableXlsx } from '../limits.js';

/** What a part's reader does with the XML: elements by local name (`x:c` → `c`), attributes as written. */
export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Longest stretch of XML with no event: the longest text, tag, comment… the parser may buffer. */
const MAX_SILENT_CHARS = 1024 * 1024;
const MAX_DEPTH = 64;
const SLICE_CHARS = 64 * 1024;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Streams XML text into `handlers` with bounded memory: saxes buffers a text, tag, comment or
 * processing instruction until it ends, so the input is written in slices and a stretch of more
 * than 1 MiB characters without an event — no spreadsheet part has one — stops the reading, as
 * does nesting deeper than 64 elements. Calls `after` once per slice, where the caller hands on
 * what the handlers collected. Errors thrown by handlers end the reading as they are.
 */
export async function* readXml<T>(chunks: AsyncIterable<string>, handlers: XmlHandlers, after: () => Iterable<T>): AsyncGenerator<T> {
  // Only the events needed: each handler saxes holds makes it slower, several together much slower.
  const parser = new SaxesParser({ position: true });
  let mark = 0;
  let depth = 0;
  parser.on('opentag', (tag) => {
    mark = parser.position;
    if (++depth > MAX_DEPTH) throw unreadableXlsx('XML 嵌套过深');
    handlers.open?.(localName(tag.name), tag.attributes as Record<string, string>); // a self-closing tag is closed next
  });
  parser.on('closetag', (tag) => {
    mark = parser.position;
    depth--;
    handlers.close?.(localName(tag.name));
  });
  parser.on('text', (text) => {
    mark = parser.position;
    handlers.text?.(text);
  });
  const write = (text: string | null) => {
    try {
      if (text === null) parser.close();
      else parser.write(text);
    } catch (err) {
      throw err instanceof AppError ? err : unreadableXlsx(`XML 格式错误：${err instanceof Error ? err.message.slice(0, 80) : ''}`);
    }
  };
  for await (const chunk of chunks) {
    for (let start = 0; start < chunk.length; ) {
      let end = Math.min(start + SLICE_CHARS, chunk.length);
      if (end < chunk.length && isHighSurrogate(chunk.charCodeAt(end - 1))) end--;
      write(chunk.slice(start, end));
      start = end;
      // Comments, CDATA and the like raise no event here: they count as silence too.
      if (parser.position - mark > MAX_SILENT_CHARS) throw tooLarge('XML 中有超长的文本或标签', { limit: 'xmlNode' });
      yield* after();
    }
  }
  write(null);
  yield* after();
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
