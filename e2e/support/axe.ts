/**
 * Accessibility checks of a page (GB/T 37668-2019, WCAG 2.1 AA): axe-core's WCAG 2.0/2.1 A and AA
 * rules (a serious or critical violation fails), the document's language and title, the
 * landmarks a screen reader jumps between, one h1, and 200 % zoom (reflow: at 640 CSS px wide —
 * 1280 px at 200 % — the document does not scroll sideways and the main content is on screen).
 * Call `await expectAccessible(page, 'name')` once the page shows its content.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);
/** 200 % of a 1280-px-wide screen, and a short one (a laptop's 800 px at 200 %). */
const ZOOMED = { width: 640, height: 400 };

/** One failing rule on one element: what a reader of the test's output needs to fix it. */
export interface AxeFinding {
  rule: string;
  impact: string;
  target: string;
  summary: string;
}

interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules) in the page; the serious and critical findings. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  // evaluated as a script by the debugging protocol: the page's CSP (script-src 'self') refuses an inline <script>
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: { run: (c: Document, o: unknown) => Promise<unknown> } }).axe.run(document, { runOnly: tags, resultTypes: ['violations'] }),
    WCAG_AA,
  );
  return (results as AxeResults).violations
    .filter((v) => v.impact !== null && FAILING_IMPACTS.has(v.impact))
    .flatMap((v) =>
      v.nodes.map((n) => ({
        rule: v.id,
        impact: v.impact!,
        target: n.target.map(String).join(' > '),
        summary: `${v.help}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').trim()}` : ''}`,
      })),
    );
}

/** The findings as lines, one per element, for a test's failure message. */
export const describeFindings = (findings: AxeFinding[]): string =>
  findings.map((f) => `  [${f.impact}] ${f.rule} at ${f.target}: ${f.summary}`).join('\n');

interface Structure {
  lang: string;
  title: string;
  mains: number;
  banners: number;
  h1s: number;
  headingLevels: number[];
  unnamedNavs: number;
}

/** The document's language, title, landmarks and headings, as a screen reader would list them. */
function readStructure(page: Page): Promise<Structure> {
  return page.evaluate(() => {
    const shown = (el: Element) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
    const all = (selector: string) => Array.from(document.querySelectorAll(selector)).filter(shown);
    // a <header> inside <main> or a sectioning element is no banner
    const banners = all('header, [role="banner"]').filter((el) => el.getAttribute('role') === 'banner' || !el.parentElement?.closest('main, article, aside, nav, section, [role="main"]'));
    const navs = all('nav, [role="navigation"]');
    const headings = all('h1, h2, h3, h4, h5, h6, [role="heading"]');
    return {
      lang: document.documentElement.lang,
      title: document.title.trim(),
      mains: all('main, [role="main"]').length,
      banners: banners.length,
      h1s: headings.filter((h) => h.tagName === 'H1' || h.getAttribute('aria-level') === '1').length,
      headingLevels: headings.map((h) => Number(h.getAttribute('aria-level') ?? h.tagName.slice(1))),
      unnamedNavs: navs.length > 1 ? navs.filter((n) => !n.getAttribute('aria-label') && !n.getAttribute('aria-labelledby')).length : 0,
    };
  });
}

/** Headings that skip a level downwards (h2 → h4): the first such pair, or null. */
function skippedLevel(levels: number[]): string | null {
  for (let i = 1; i < levels.length; i += 1) if (levels[i]! > levels[i - 1]! + 1) return `h${levels[i - 1]} → h${levels[i]}`;
  return null;
}

interface Reflow {
  scrollWidth: number;
  innerWidth: number;
  mainWidth: number;
  mainLeft: number;
  /** The outermost elements reaching past the right edge (tag.class), for the failure message. */
  wide: string[];
}

/** At 640 × 400 CSS px (200 % zoom): the document's width, the main content's box, what sticks out. */
function readReflow(page: Page): Promise<Reflow> {
  return page.evaluate(() => {
    const edge = window.innerWidth + 1;
    const past = (el: Element) => el.getBoundingClientRect().right > edge;
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.classList.length ? `.${Array.from(el.classList).slice(0, 2).join('.')}` : ''}`;
    const wide = Array.from(document.body.querySelectorAll('*'))
      .filter((el) => past(el) && !(el.parentElement && el.parentElement !== document.body && past(el.parentElement)))
      .slice(0, 5)
      .map((el) => `${name(el)} (right ${Math.round(el.getBoundingClientRect().right)})`);
    const main = document.querySelector('main, [role="main"]')?.getBoundingClientRect();
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      mainWidth: main?.width ?? 0,
      mainLeft: main?.left ?? -1,
      wide,
    };
  });
}

/**
 * Fails the test unless the page (showing its content) passes axe's WCAG 2.1 AA rules (no serious
 * or critical violation) at desktop size and at 200 % zoom, has lang="zh-CN", a title of its own
 * (not just the site's name), exactly one main landmark, a banner, one h1 and no skipped heading
 * level, named navigation landmarks when there are several, and reflows at 200 % zoom.
 * The viewport is restored afterwards.
 */
export async function expectAccessible(page: Page, name: string, opts: { siteName?: string } = {}): Promise<void> {
  const siteName = opts.siteName ?? '质监监管平台';
  const desktop = await axeFindings(page);
  expect(desktop, `${name}: axe violations (desktop)\n${describeFindings(desktop)}`).toEqual([]);

  const s = await readStructure(page);
  expect(s.lang, `${name}: <html lang>`).toBe('zh-CN');
  expect(s.title, `${name}: the page's own <title>`).not.toBe('');
  expect(s.title, `${name}: the page's own <title>, not only the site's name`).not.toBe(siteName);
  expect(s.mains, `${name}: main landmarks`).toBe(1);
  expect(s.banners, `${name}: banner landmarks`).toBe(1);
  expect(s.h1s, `${name}: h1 headings`).toBe(1);
  expect(s.headingLevels[0], `${name}: the first heading is the h1`).toBe(1);
  expect(skippedLevel(s.headingLevels), `${name}: heading levels in order (${s.headingLevels.join(', ')})`).toBeNull();
  expect(s.unnamedNavs, `${name}: navigation landmarks without a name (aria-label) beside others`).toBe(0);

  const size = page.viewportSize();
  await page.setViewportSize(ZOOMED);
  try {
    // the layout follows the breakpoints (a re-render) before it settles
    let r = await readReflow(page);
    for (let i = 0; i < 20 && r.scrollWidth > r.innerWidth + 1; i += 1) {
      await page.waitForTimeout(250);
      r = await readReflow(page);
    }
    expect(r.scrollWidth, `${name}: at 200 % zoom (640 px) the document scrolls sideways; past the edge: ${r.wide.join(', ')}`).toBeLessThanOrEqual(r.innerWidth + 1);
    expect(r.mainWidth, `${name}: main content visible at 200 % zoom`).toBeGreaterThan(200);
    expect(r.mainLeft, `${name}: main content starts on screen at 200 % zoom`).toBeGreaterThanOrEqual(0);
    const zoomed = await axeFindings(page);
    expect(zoomed, `${name}: axe violations (200 % zoom)\n${describeFindings(zoomed)}`).toEqual([]);
  } finally {
    if (size) await page.setViewportSize(size);
  }
}
