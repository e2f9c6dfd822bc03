/**
 * The bundle budget (`npm run size`): builds the web into a temporary directory (dist/ is left
 * alone) and prints, for the sign-in page and the public enterprise lookup, the gzipped JavaScript
 * the browser loads before the page is interactive: index.html's eager scripts and modulepreloads,
 * plus the page's lazily loaded chunk and everything that chunk imports statically (found in
 * Vite's .vite/manifest.json). Exits 1 when a page is over its budget.
 *
 *   npm run size                     build, then measure
 *   npm run size -- --dist web/dist  measure an existing build (made with `npm run build:web`)
 *   … --allow-eager                  accept pages bundled into index.html's scripts (older builds)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const BUDGET_KB = 350;

/** The pages measured: their route and the source file of the page the route loads lazily. */
const PAGES: { route: string; source: string; budget?: number }[] = [
  { route: '/login', source: 'src/modules/auth/LoginPage.tsx' },
  // issue 20: the public pages load ≤ 250 kB each — the enterprise record and the portal's pages
  // (/public, dishonest list, notices, open data: one chunk)
  { route: '/public/enterprise', source: 'src/modules/public/PublicEnterprisePage.tsx', budget: 250 },
  { route: '/public (portal)', source: 'src/modules/portal/publicPages.ts', budget: 250 },
];

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const webRoot = fileURLToPath(new URL('..', import.meta.url));

async function buildInto(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(webRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/** The chunks `key` needs before it runs: itself and its static imports, transitively. */
function staticClosure(manifest: Record<string, ManifestChunk>, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`not in the build manifest: ${key}`);
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const dep of chunk.imports ?? []) staticClosure(manifest, dep, into);
  return into;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const distArg = args.indexOf('--dist');
  const allowEager = args.includes('--allow-eager');
  let dist: string;
  let temporary: string | undefined;
  if (distArg >= 0 && args[distArg + 1]) {
    dist = path.resolve(args[distArg + 1]!);
  } else {
    temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-size-'));
    dist = temporary;
    console.log(`building the web into ${dist} …`);
    await buildInto(dist);
  }
  try {
    const manifestFile = path.join(dist, '.vite', 'manifest.json');
    if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: build with build.manifest (web/vite.config.ts)`);
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    // eager scripts and modulepreloads of index.html
    const eager = new Set<string>();
    for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
      const isScript = tag.startsWith('<script') && /type="module"/.test(tag);
      const isPreload = tag.startsWith('<link') && /rel="modulepreload"/.test(tag);
      const url = /(?:src|href)="\/?([^"]+)"/.exec(tag)?.[1];
      if ((isScript || isPreload) && url) eager.add(url);
    }
    if (eager.size === 0) throw new Error('index.html loads no script');

    let failed = false;
    const rows: string[] = [];
    for (const { route, source, budget = BUDGET_KB } of PAGES) {
      // A page not split off (an older build) is in the eager scripts; allowed only when asked,
      // so that a renamed page file fails here instead of measuring nothing.
      const split = source in manifest;
      if (!split && !allowEager) throw new Error(`${source} is not a chunk of its own in the build manifest (renamed? no longer lazily loaded?)`);
      const files = split ? staticClosure(manifest, source, new Set(eager)) : new Set(eager);
      const sizes = [...files].map((f) => ({ file: f, gz: gzipSize(path.join(dist, f)) }));
      const total = sizes.reduce((sum, s) => sum + s.gz, 0) / 1000;
      const over = total > budget;
      failed ||= over;
      rows.push(`${route.padEnd(20)} ${total.toFixed(1).padStart(7)} kB gzipped JS in ${files.size} files  (budget ${budget} kB)${over ? '  OVER BUDGET' : ''}`);
      for (const s of sizes.sort((a, b) => b.gz - a.gz)) rows.push(`    ${(s.gz / 1000).toFixed(1).padStart(7)} kB  ${s.file}${eager.has(s.file) ? '  (index.html)' : ''}`);
    }
    console.log(rows.join('\n'));
    if (failed) {
      console.error(`\nover the budget (${BUDGET_KB} kB gzipped unless a page has its own): see which chunks grew (a page importing another module's page, or a heavy library on a public page)`);
      process.exitCode = 1;
    }
  } finally {
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
