import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The walls of docs/ARCHITECTURE.md as `npm run lint` checks them: each case takes a copy of a real
 * file's text, adds one import at its top and lints the copy (in memory, under the real file's path,
 * so the repository's eslint.config.js applies exactly as to the file itself).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The no-restricted-imports messages for `file` with `line` added at its top. */
async function wallsHit(file: string, line: string): Promise<string[]> {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const [result] = await eslint.lintText(`${line}\n${text}`, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint walls', () => {
  it('fails a module importing another module’s inner file', async () => {
    const messages = await wallsHit('server/src/modules/licences/reminders.ts', "import '../enterprises/enterprises.schema.js';");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('only through its index.ts');
  });

  it('fails a module’s inner file nested a level down, and a type-only import', async () => {
    expect(await wallsHit('server/src/modules/inspections/pools/pools.service.ts', "import type { LicencesService } from '../../licences/licences.service.js';")).toHaveLength(1);
  });

  it('fails a module’s non-test code importing another module’s test factories', async () => {
    expect(await wallsHit('server/src/modules/inspections/tasks/tasks.service.ts', "import '../../enterprises/testing.js';")).toHaveLength(1);
  });

  it('fails a test importing another module’s inner file, and lets it use index.ts and testing.ts', async () => {
    const file = 'server/src/modules/licences/reminders.test.ts';
    expect(await wallsHit(file, "import '../enterprises/uscc.js';")).toHaveLength(1);
    expect(await wallsHit(file, "import '../enterprises/index.js';")).toEqual([]);
    expect(await wallsHit(file, "import '../enterprises/testing.js';")).toEqual([]);
  });

  it('lets a module import another module’s index.ts, and its own inner files', async () => {
    expect(await wallsHit('server/src/modules/licences/reminders.ts', "import '../enterprises/index.js';\nimport './licences.schema.js';")).toEqual([]);
  });

  it('fails platform/ importing a module, even its index.ts', async () => {
    const messages = await wallsHit('server/src/platform/todos/todos.service.ts', "import '../../modules/enterprises/index.js';");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('platform/ and db/ import no module');
  });

  it('lets a test of platform/ use a module’s index.ts and testing.ts only', async () => {
    const file = 'server/src/platform/todos/todos.test.ts';
    expect(await wallsHit(file, "import '../../modules/inspections/tasks/tasks.schema.js';")).toHaveLength(1);
    expect(await wallsHit(file, "import '../../modules/inspections/index.js';\nimport '../../modules/licences/testing.js';")).toEqual([]);
  });

  it('fails db/ importing a module', async () => {
    expect(await wallsHit('server/src/db/client.ts', "export * from '../modules/licences/index.js';")).toHaveLength(1);
  });
});
