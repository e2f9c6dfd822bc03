/** The shared set-up of a journey file: one browser and an admin API session, closed after the file. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type ApiSession, adminSession } from './api';
import { launchBrowser } from './browser';
import { ADMIN_PASSWORD } from './env';

export interface Suite {
  browser: Browser;
  admin: ApiSession;
}

/** Call at the top of a journey file: `const suite = useSuite();`. */
export function useSuite(): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    [suite.browser, suite.admin] = await Promise.all([launchBrowser(), adminSession(ADMIN_PASSWORD)]);
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  return suite;
}
