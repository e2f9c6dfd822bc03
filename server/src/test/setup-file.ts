import { afterAll, vi } from 'vitest';

/**
 * Runs before each test file. Files share their worker process (isolate: false in
 * vitest.config.ts), so what one file changes in the process is undone after it: the environment
 * variables it set or removed, and fake timers left on.
 */
const environment = { ...process.env };
afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
  Object.assign(process.env, environment);
  vi.useRealTimers();
});
