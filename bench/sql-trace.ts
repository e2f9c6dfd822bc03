import { performance } from 'node:perf_hooks';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from '../server/src/db/client.js';

/** Time spent in one kind of statement while tracing was on. */
export interface StatementTime {
  /** The statement's first characters, whitespace collapsed. */
  statement: string;
  calls: number;
  ms: number;
}

/**
 * Times every SQL statement the server sends while switched on (bench only): which statements an
 * import spends its time in, without touching server code. Off, it costs one boolean check.
 */
export interface SqlTrace {
  start(): void;
  /** Stops tracing; returns the statements by time spent, largest first. */
  stop(): StatementTime[];
}

type QueryFn = (...args: unknown[]) => unknown;

const label = (text: unknown) => (typeof text === 'string' ? text : '?').replace(/\s+/g, ' ').trim().slice(0, 80);

/** Installs the trace on the server's database (PostgreSQL through `pg`, or the PGlite instance). */
export function traceDatabase(database: Database): SqlTrace {
  let active = false;
  const stats = new Map<string, { calls: number; ms: number }>();
  const record = (text: unknown, startedAt: number) => {
    const key = label(text);
    const entry = stats.get(key) ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += performance.now() - startedAt;
    stats.set(key, entry);
  };
  /** Wraps a query function that returns a promise or takes a node-style callback last. */
  const timed = (original: QueryFn, textOf: (args: unknown[]) => unknown): QueryFn =>
    function (this: unknown, ...args: unknown[]) {
      if (!active) return original.apply(this, args);
      const startedAt = performance.now();
      const text = textOf(args);
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        args[args.length - 1] = (...results: unknown[]) => {
          record(text, startedAt);
          return (callback as QueryFn)(...results);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args);
      if (result instanceof Promise) result.then(() => record(text, startedAt), () => record(text, startedAt));
      return result;
    };

  if (database.kind === 'postgres') {
    // Pool queries and transaction clients both end in Client#query.
    const proto = pg.Client.prototype as unknown as { query: QueryFn };
    proto.query = timed(proto.query, (args) => (typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text));
  } else {
    const client = pgliteOf(database) as unknown as { query: QueryFn; exec: QueryFn; transaction: QueryFn };
    const first = (args: unknown[]) => args[0];
    const query = client.query.bind(client);
    const exec = client.exec.bind(client);
    const transaction = client.transaction.bind(client);
    client.query = timed(query, first);
    client.exec = timed(exec, first);
    client.transaction = (callback: unknown) =>
      transaction(async (tx: { query: QueryFn; exec: QueryFn }) => {
        tx.query = timed(tx.query.bind(tx), first);
        tx.exec = timed(tx.exec.bind(tx), first);
        return (callback as (t: unknown) => unknown)(tx);
      });
  }

  return {
    start() {
      stats.clear();
      active = true;
    },
    stop() {
      active = false;
      return [...stats].map(([statement, s]) => ({ statement, calls: s.calls, ms: Math.round(s.ms) })).sort((a, b) => b.ms - a.ms);
    },
  };
}

/** The PGlite instance behind the server's Drizzle handle (drizzle exposes it as `$client`). */
export function pgliteOf(database: Database): PGlite {
  const client = (database.db as unknown as { $client?: PGlite }).$client;
  if (!client) throw new Error('no PGlite client behind the database handle');
  return client;
}
