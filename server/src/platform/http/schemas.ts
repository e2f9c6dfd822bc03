import type { Readable } from 'node:stream';
import { type TSchema, Type } from '@sinclair/typebox';

/** Shared request/response schema pieces: every route declares both. */
export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});

export const Id = Type.String({ format: 'uuid' });

/** One of the given string literals (an enum as a union, so generated types name each value). */
export const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** Highest page number: an offset past any register we hold, well inside PostgreSQL's bigint. */
export const MAX_PAGE = 1_000_000;

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
};

export const ListOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });

/** A strict object: unknown properties are rejected (400 VALIDATION). */
export const Body = <T extends Parameters<typeof Type.Object>[0]>(props: T) =>
  Type.Object(props, { additionalProperties: false });

export const NoContent = Type.Null();

export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** A timestamp: services return Date objects, the serializer writes ISO 8601 strings. */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export interface Page {
  page: number;
  pageSize: number;
}
export const pageOf = (q: { page?: number; pageSize?: number }): Page => ({ page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
export const offsetOf = (p: Page) => (p.page - 1) * p.pageSize;

/** A file in a response (a .docx, .xlsx, .zip, an upload sent back): a Buffer or a stream. */
export const Binary = Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' });
