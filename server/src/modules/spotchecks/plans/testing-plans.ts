import type { ServiceEnv } from '../../../test/app.js';
import type { Actor } from '../../../platform/access/actor.js';
import { makeInstitution } from '../testing.js';

/** Test factories of the plans part. */

let seq = 0;

/** A user with the roles in a region's bureau, as an actor. */
export async function actorIn(env: ServiceEnv, roles: string[], regionCode = '320800'): Promise<Actor> {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id))! as Actor;
}

/** A testing institution with its org and one account (role `institution`); returns the institution, the user and its actor. */
export async function makeInstitutionAccount(env: ServiceEnv) {
  const org = await env.services.jurisdiction.createOrg(env.ctx, { name: `测试检验所${Date.now().toString(36)}${++seq}`, type: 'institution', regionCode: '320800' });
  const institution = await makeInstitution(env, { orgId: org.id });
  const user = await env.makeUser({ roles: ['institution'], orgId: org.id });
  const actor = (await env.services.users.loadActor(user.id))! as Actor;
  return { institution, user, actor };
}
