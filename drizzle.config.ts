import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every table lives in a `*.schema.ts` file of its platform service or module (db/ imports none).
  schema: ['./server/src/platform/**/*.schema.ts', './server/src/modules/**/*.schema.ts'],
  out: './server/drizzle',
  casing: 'snake_case',
});
