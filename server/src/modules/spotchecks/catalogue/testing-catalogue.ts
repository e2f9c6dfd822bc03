import type { ServiceEnv } from '../../../test/app.js';
import type { ProductInput } from './catalogue.service.js';

/*
 * Test helpers of the catalogue part: actors of the usual roles and a valid product body.
 */

let seq = 0;

/** A user with `roles` in the bureau of `regionCode` (the city by default), as a service context. */
export async function ctxAs(env: ServiceEnv, roles: string[], regionCode = '320800') {
  const user = await env.makeUser({ roles, regionCode });
  const actor = (await env.services.users.loadActor(user.id))!;
  return { actor, user };
}

/** A valid product body (fixed sample size) with a unique code. */
export function productInput(input: Partial<ProductInput> = {}): ProductInput {
  seq += 1;
  return {
    code: `ry-${Date.now().toString(36)}-${seq}`,
    name: `电热水壶${seq}`,
    category: 'electrical',
    impact: 4,
    batchCost: 2500,
    testItems: [
      { name: '标志和说明', requirement: 'GB 4706.1-2005 第7章', method: 'GB 4706.1-2005' },
      { name: '对触及带电部件的防护', requirement: 'GB 4706.1-2005 第8章', method: 'GB 4706.1-2005', critical: true },
    ],
    standards: ['GB 4706.1-2005', 'GB 4706.19-2008'],
    sampleSize: 3,
    sampleUnit: '台',
    ...input,
  };
}
