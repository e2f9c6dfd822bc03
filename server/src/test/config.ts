import { type Config, loadConfig } from '../config.js';

export const ADMIN_PASSWORD = 'Admin#Test2026';
/** Satisfies the password rules; used for every user the tests create. */
export const USER_PASSWORD = 'User#Pass2026';

/** ZJ_SECRET_KEY of every test environment: tests neither read the real one nor write a key file. */
export const TEST_SECRET_KEY = Buffer.from('zj-test-key-not-for-production!!').toString('hex');

/** Log-in rate limits no test file reaches by signing in often; tests of the limits set their own. */
export const TEST_LOGIN_RATE_LIMIT = { perIp: 1_000_000, perUser: 1_000_000 };

/** The configuration of a test environment: no jobs, no web files, the test key; `overrides` on top. */
export function testConfig(overrides: Partial<Config> & Pick<Config, 'auditAnchorDir'>): Config {
  return loadConfig({}, { jobs: false, webDir: '/nonexistent', loginRateLimit: TEST_LOGIN_RATE_LIMIT, secretKey: TEST_SECRET_KEY, ...overrides });
}

/**
 * Whether the first-start data of `config` is the one in the run's bootstrapped snapshot: the
 * settings bootstrap reads (and the key the audit chain is written with) are the defaults.
 */
export function fitsBootstrappedSnapshot(config: Config): boolean {
  const standard = testConfig({ auditAnchorDir: config.auditAnchorDir });
  return (['jurisdictionFile', 'secretKey', 'password'] as const).every((key) => JSON.stringify(config[key]) === JSON.stringify(standard[key]));
}
