import type { PGlite } from '@electric-sql/pglite';
import { serialize } from 'pg-protocol';
import type { BackendMessage, DataRowMessage, RowDescriptionMessage } from 'pg-protocol/dist/messages.js';
import { Parser } from 'pg-protocol/dist/parser.js';

/** Text-format values of the column types a hot-path statement may return, by type OID. */
const TEXT_VALUE: Record<number, (text: string) => unknown> = {
  16: (v) => v === 't', // bool
  21: Number, // int2
  23: Number, // int4
  19: String, // name
  25: String, // text
  1043: String, // varchar
  1082: String, // date, YYYY-MM-DD with the default DateStyle
  2950: String, // uuid
  114: JSON.parse, // json
  3802: JSON.parse, // jsonb
};

const EXECUTE = serialize.execute({ portal: '', rows: 0 });

/** A parameter in text format; an array becomes an array literal, each element quoted. */
const textParam = (v: unknown): string | null =>
  v === null || v === undefined ? null : Array.isArray(v) ? `{${v.map((e) => (e === null ? 'NULL' : `"${String(e).replace(/["\\]/g, '\\$&')}"`)).join(',')}}` : String(v);
const SYNC = serialize.sync();

function messagesOf(bytes: Uint8Array): BackendMessage[] {
  const out: BackendMessage[] = [];
  new Parser().parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (m) => out.push(m));
  const error = out.find((m) => m.name === 'error');
  if (error) throw error; // a DatabaseError with the SQLSTATE in `code`, as node-postgres throws it
  return out;
}

/**
 * A named prepared statement on PGlite through the wire protocol: parsed and described once, then
 * each call sends one Bind/Execute/Sync and reads the rows. `client.query` parses, describes and
 * sets up type parsers on every call (~250 µs against ~40 µs here). It runs under PGlite's own
 * transaction and query locks, so it never lands inside another caller's open transaction.
 */
export function pglitePrepared<Row>(client: PGlite, name: string, text: string): (values: unknown[]) => Promise<Row[]> {
  const exclusive = (message: Uint8Array) =>
    client._runExclusiveTransaction(() => client._runExclusiveQuery(() => client.execProtocolRaw(message, { syncToFs: false })));
  const columns = describeOnce(client, name, text, exclusive);

  return async (values) => {
    const cols = await columns();
    const params = values.map(textParam);
    const out = messagesOf(await exclusive(Buffer.concat([serialize.bind({ statement: name, values: params }), EXECUTE, SYNC])));
    return out
      .filter((m): m is DataRowMessage => m.name === 'dataRow')
      .map((m) => Object.fromEntries(cols.map((c, i) => [c.name, m.fields[i] === null ? null : c.value(m.fields[i] as string)])) as Row);
  };
}

type Columns = { name: string; value: (text: string) => unknown }[];
/** The statements prepared on each PGlite session: a name is parsed once, however many callers prepare it. */
const prepared = new WeakMap<PGlite, Map<string, { text: string; columns: Promise<Columns> }>>();

function describeOnce(client: PGlite, name: string, text: string, exclusive: (message: Uint8Array) => Promise<Uint8Array>): () => Promise<Columns> {
  const statements = prepared.get(client) ?? new Map<string, { text: string; columns: Promise<Columns> }>();
  prepared.set(client, statements);
  const describe = async (): Promise<Columns> => {
    const out = messagesOf(await exclusive(Buffer.concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), SYNC])));
    const description = out.find((m): m is RowDescriptionMessage => m.name === 'rowDescription');
    return (description?.fields ?? []).map((f) => {
      const value = TEXT_VALUE[f.dataTypeID];
      if (!value) throw new Error(`Prepared statement ${name}: column ${f.name} has type OID ${f.dataTypeID}, which pglitePrepared does not read`);
      return { name: f.name, value };
    });
  };
  return () => {
    const known = statements.get(name);
    if (known && known.text !== text) throw new Error(`Prepared statement ${name} is already prepared with another text`);
    if (known) return known.columns;
    const columns = describe();
    statements.set(name, { text, columns });
    // A failed preparation (e.g. a syntax error) is not remembered: the next call tries again.
    columns.catch(() => statements.delete(name));
    return columns;
  };
}
