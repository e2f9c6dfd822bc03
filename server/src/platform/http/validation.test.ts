import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Nullable } from './schemas.js';
import { validation } from './validation.js';

async function echoApp() {
  const app = Fastify(validation).withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/echo',
    {
      schema: {
        querystring: Type.Object({ page: Type.Optional(Type.Integer()), tag: Type.Optional(Type.Array(Type.String())) }),
        body: Type.Object({ name: Nullable(Type.String()), count: Nullable(Type.Number()), done: Type.Optional(Nullable(Type.Boolean())) }),
      },
    },
    async (request) => ({ query: request.query, body: request.body }),
  );
  await app.ready();
  return app;
}

describe('request validation', () => {
  it('coerces the query string to the schema’s types', async () => {
    const app = await echoApp();
    const res = await app.inject({ method: 'POST', url: '/echo?page=2&tag=a', payload: { name: 'x', count: 1 } });
    expect(res.json().query).toEqual({ page: 2, tag: ['a'] });
  });

  it('takes a JSON body as sent: null stays null', async () => {
    const app = await echoApp();
    const res = await app.inject({ method: 'POST', url: '/echo', payload: { name: null, count: null, done: null } });
    expect(res.json().body).toEqual({ name: null, count: null, done: null });
  });

  it('refuses a JSON body of the wrong types instead of converting it', async () => {
    const app = await echoApp();
    for (const payload of [{ name: 123, count: 1 }, { name: 'x', count: '1' }, { name: 'x', count: 1, done: 'true' }]) {
      expect((await app.inject({ method: 'POST', url: '/echo', payload })).statusCode).toBe(400);
    }
  });
});
