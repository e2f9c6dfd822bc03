/**
 * Checks the web's import walls as `npm run lint` applies them (eslint.config.js, the web block):
 * each case takes a real file's text, adds one import at its top and lints it in memory under the
 * real file's path. Run: `npx tsx web/scripts/lint-walls.ts` (exits 1 when a wall lets an import through
 * or stops an allowed one).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function hits(file: string, line: string): Promise<string[]> {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const [result] = await eslint.lintText(`${line}\n${text}`, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const CASES: { name: string; file: string; line: string; fails: boolean }[] = [
  { name: 'a module imports another module’s inner file', file: 'web/src/modules/licences/LicenceListPage.tsx', line: "import { useOrgs } from '../orgs/useOrgs';", fails: true },
  { name: 'the same from a nested folder, type-only', file: 'web/src/modules/inspections/pools/PoolListPage.tsx', line: "import type { EnterpriseTabProps } from '../../enterprises/detailTabs';", fails: true },
  { name: 'the shell imports a module’s page', file: 'web/src/app/App.tsx', line: "import { LoginPage } from '../modules/auth/LoginPage';", fails: true },
  { name: 'the web imports server code', file: 'web/src/app/format.ts', line: "import '../../../server/src/platform/validation/index.js';", fails: true },
  { name: 'a module’s page imports server code', file: 'web/src/modules/public/PublicEnterprisePage.tsx', line: "import type { Db } from '../../../../server/src/db/client';", fails: true },
  { name: 'a module imports another module’s index (allowed)', file: 'web/src/modules/licences/LicenceListPage.tsx', line: "import { useOrgs } from '../orgs';", fails: false },
  { name: 'a module imports its own inner file from a nested folder (allowed)', file: 'web/src/modules/licences/feedback/FeedbackListPage.tsx', line: "import { LicenceStateTag } from '../licenceLabels';", fails: false },
  { name: 'a module imports the shell and the API (allowed)', file: 'web/src/modules/orgs/OrgListPage.tsx', line: "import { ListPage } from '../../app/list/ListPage';\nimport { api } from '../../api/client';", fails: false },
];

let failed = 0;
for (const c of CASES) {
  const messages = await hits(c.file, c.line);
  try {
    if (c.fails) assert.equal(messages.length, 1, `expected one no-restricted-imports error, got ${JSON.stringify(messages)}`);
    else assert.deepEqual(messages, []);
    console.log(`ok    ${c.name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL  ${c.name}: ${(err as Error).message}`);
  }
}
if (failed) process.exitCode = 1;
