import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

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
