/**
 * A citizen and a draw (issue 13): without signing in, they find a draw on the public list as soon
 * as it is committed and see its commitment and commit statement; after the reveal (made by the
 * staff through the API) they reload the page, see who was drawn and who inspects, by name, and
 * verify the record in their own browser against the commit statement: 核验通过. The verifier
 * offered for download is the repository's file, byte for byte, with the SHA-256 the page shows.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { DrawSummary, PublicRecord } from '../web/src/modules/inspections/draws/drawRecord';
import { openPage, visible } from './support/browser';
import { BASE_URL, unique } from './support/env';
import { seedPlannedTasks } from './support/inspection-tasks';
import { useSuite } from './support/suite';

const suite = useSuite();
const VERIFIER = new URL('../packages/draw-verify/zhijian-verify.mjs', import.meta.url);

describe('public draw verification', () => {
  it('a citizen sees a committed draw with its commitment and statement, then after the reveal verifies it in the browser', { timeout: 120_000 }, async () => {
    const seed = await seedPlannedTasks(suite.admin, '320826', 3);
    const committed = await seed.officerSession.post<DrawSummary>(`/api/inspection-plans/${seed.plan.id}/draws`);
    expect(committed.status).toBe('committed');
    expect(committed.commitStatement).toMatch(/^zhijian-draw\/2 commit id=/);

    // the citizen: the public list shows the draw awaiting its reveal, with its commitment
    const { context, page } = await openPage(suite.browser);
    await page.goto('/public/draws?status=committed');
    const row = page.getByTestId('public-draws').getByRole('row').filter({ hasText: seed.plan.name });
    await visible(row);
    expect(await row.innerText()).toContain('待揭晓');
    expect(await row.innerText()).toContain(committed.commitment.slice(0, 12));
    await row.getByRole('link', { name: seed.plan.name }).click();
    await page.waitForURL(`**/public/draws/${committed.id}`);

    // the committed record: commitment, statement, strata with n and k, blinded candidates, the frozen pool by name
    await visible(page.getByTestId('draw-commitment'));
    expect((await page.getByTestId('draw-commitment').innerText()).trim()).toBe(committed.commitment);
    expect((await page.getByTestId('commit-statement-text').innerText()).trim()).toBe(committed.commitStatement);
    await visible(page.getByText('本次抽取尚未揭晓'));
    await visible(page.getByTestId('draw-privacy').getByText('每个层标签对应哪个信用风险等级'));
    const strata = await page.getByTestId('draw-strata').innerText();
    expect(strata).toContain('S1');
    expect(strata).toContain('3');
    // the pool as frozen (other journeys' inspectors of the county are in it too): its first page, by name and certificate number
    const frozen = (await (await fetch(`${BASE_URL}/api/public/draws/${committed.id}`)).json()) as PublicRecord;
    for (const inspector of seed.inspectors) expect(frozen.inspectorPool).toContain(inspector.id);
    const pool = await page.getByTestId('draw-pool').innerText();
    for (const id of frozen.inspectorPool!.slice(0, 20)) {
      const person = frozen.inspectors.find((i) => i.id === id)!;
      expect(pool).toContain(person.name);
      if (person.certificateNo) expect(pool).toContain(person.certificateNo);
    }
    // nothing of the reveal yet, and no enterprise named
    expect(await page.getByTestId('draw-seed').count()).toBe(0);
    expect(await page.getByTestId('draw-selection').count()).toBe(0);
    for (const e of seed.enterprises) expect(await page.getByText(e.uscc).count()).toBe(0);
    // no page tells the public to run npx
    expect(await page.getByText('npx').count()).toBe(0);

    // the staff reveal, through the API
    const witness = `见证人 ${unique()}`;
    const revealed = await seed.officerSession.post<DrawSummary>(`/api/draws/${committed.id}/reveal`, { witnessInput: witness });
    expect(revealed.status).toBe('revealed');

    // the citizen reloads: the seed, who was drawn (by name and USCC) and who inspects (by name and certificate number)
    await page.reload();
    await visible(page.getByTestId('draw-seed'));
    expect((await page.getByTestId('draw-seed').innerText()).trim()).toBe(revealed.seed);
    const selection = await page.getByTestId('draw-selection').innerText();
    for (const e of seed.enterprises) {
      expect(selection).toContain(e.name);
      expect(selection).toContain(e.uscc);
    }
    const assignments = await page.getByTestId('draw-assignments').innerText();
    for (const inspector of seed.inspectors) expect(assignments).toContain(inspector.displayName);
    expect(assignments).toMatch(/苏执E2E/);

    // 在本机核验, with the statement the witnesses took home
    await page.getByLabel('承诺声明（可选）').fill(committed.commitStatement!);
    await page.getByRole('button', { name: '在本机核验' }).click();
    const result = page.getByTestId('verify-result');
    await visible(result);
    expect(await result.innerText()).toContain('核验通过');
    expect(await result.innerText()).toContain('与现场承诺声明一致');

    // a statement that does not match is named as the mismatch
    const wrong = committed.commitStatement!.replace(/commitment=([0-9a-f])/, (_, c: string) => `commitment=${c === '0' ? '1' : '0'}`);
    await page.getByLabel('承诺声明（可选）').fill(wrong);
    await page.getByRole('button', { name: '在本机核验' }).click();
    await visible(result.getByText('核验未通过'));
    expect(await page.getByTestId('verify-field').innerText()).toBe('与现场承诺声明一致');

    // the download: the repository's verifier, byte for byte, with the SHA-256 shown and the command to run it
    const source = await readFile(VERIFIER);
    const served = Buffer.from(await (await fetch(`${BASE_URL}/verify/zhijian-verify.mjs`)).arrayBuffer());
    expect(served.equals(source)).toBe(true);
    const sha = createHash('sha256').update(source).digest('hex');
    expect((await page.getByTestId('verifier-sha256').innerText()).trim()).toBe(sha);
    expect((await page.getByTestId('verify-command').innerText()).trim()).toBe(`node zhijian-verify.mjs ${BASE_URL}/public/draws/${committed.id}`);

    // the record as served verifies the same way it did in the page
    const record = (await (await fetch(`${BASE_URL}/api/public/draws/${committed.id}`)).json()) as PublicRecord;
    expect(record.status).toBe('revealed');
    expect(record.objects?.map((o) => o.key).sort()).toEqual(seed.enterprises.map((e) => e.uscc).sort());
    await context.close();
  });
});
