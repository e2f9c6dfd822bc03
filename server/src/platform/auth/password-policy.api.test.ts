import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../test/app.js';
import { passwordProblems } from './password.js';

const env = useTestEnv({ password: { minLength: 12 } });

/** Issue 12 item 13: the forms show the password rules before the first failure, so the session tells them. */
describe('password rules in the session', () => {
  it('answers the configured rules with the session, as the server applies them', async () => {
    const user = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const me = await env.login(user.username);
    const session = (await me.get('/api/auth/session')).json();
    expect(session.user.passwordPolicy).toEqual({ minLength: 12, maxLength: 128, minClasses: 3 });
    // the rules shown are the rules enforced
    expect(passwordProblems('Abcdefgh12!', session.user.passwordPolicy.minLength)).toHaveLength(1);
    expect(passwordProblems('Abcdefgh123!', session.user.passwordPolicy.minLength)).toEqual([]);
    expect(passwordProblems('abcdefghijk1', session.user.passwordPolicy.minLength)).toHaveLength(1);
  });
});
