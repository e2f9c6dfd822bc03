import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { AppError } from './errors.js';

const ajvOptions = { removeAdditional: false, useDefaults: true, allErrors: true } as const;
const fromPool = AjvCompiler();

/**
 * Validation of requests. The path and query are text, so their values are coerced to the
 * schema's types (`?page=2` is a number, `?tag=a` an array of one). A JSON body is typed already
 * and is taken as sent: coercion would turn a `null` that clears a field into `""`, `0` or `false`
 * (ajv coerces in the first branch of a nullable union) and accept `123` for a name.
 */
export const validation: Pick<FastifyServerOptions, 'schemaController'> = {
  schemaController: {
    compilersFactory: {
      buildValidator: (externalSchemas, options) => {
        const plugins = options?.plugins ?? [];
        const coercing = fromPool(externalSchemas, { plugins, customOptions: { ...ajvOptions, coerceTypes: 'array' } });
        const exact = fromPool(externalSchemas, { plugins, customOptions: { ...ajvOptions, coerceTypes: false } });
        return (route) => (route.httpPart === 'body' ? exact : coercing)(route);
      },
    },
  },
};

/** The path of the first string (value or key) holding a NUL character, e.g. `contacts.0.name`; null when none. */
export function findNul(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (!value || typeof value !== 'object' || depth > 32 || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = findNul(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses a NUL character in any string of the path, the query or a JSON body with 400 VALIDATION
 * naming the field: PostgreSQL cannot store it in text, and no field of ours needs it.
 */
export async function refuseNul(request: FastifyRequest): Promise<void> {
  for (const [part, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
    const found = findNul(value);
    if (found) {
      const field = found.join('.').replaceAll('\u0000', '\\u0000') || part;
      throw new AppError('VALIDATION', '请求参数不能含有空字符（\\u0000）', 400, [{ field, rule: 'nul', message: `${field} 含有空字符` }]);
    }
  }
}
