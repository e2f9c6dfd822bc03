/** Settings passed by e2e/run.ts. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with \`npm run test:browser\``);
  return value;
}

export const BASE_URL = required('E2E_BASE_URL').replace(/\/$/, '');
export const ADMIN_PASSWORD = required('E2E_ADMIN_PASSWORD');
/** A password that satisfies the server's rules, for users the tests create. */
export const USER_PASSWORD = 'Ziliang#2026pw';

let counter = 0;
/** A suffix that makes test data unique across tests and runs. */
export function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}`;
}
