// WCAG 2 A and AA checks with axe-core. axe goes in through the browser's debugging protocol
// (`page.evaluate`), which the app's Content-Security-Policy does not govern, so the journeys that
// check their dialogs keep the real policy on.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { transitionsDone } from './helpers';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Finding {
  rule: string;
  impact: string | null;
  where: string;
  why: string;
}

/** axe's WCAG 2 A/AA violations on the page as it is now, one entry per element. */
export async function scan(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<AxeResult> } }).axe;
    interface AxeResult {
      violations: {
        id: string;
        impact: string | null;
        nodes: { target: string[]; failureSummary?: string }[];
      }[];
    }
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => ({
        rule: v.id,
        impact: v.impact,
        where: n.target.join(' '),
        why: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200),
      })),
    );
  });
}

/**
 * Checks the page, an open dialog included, against WCAG 2 AA, at a desk only: colours and names do
 * not change with the width, and each scan costs the journey about half a second.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  if (test.info().project.name !== 'desktop') return;
  // A dialog fading in is scanned once its transition ends, as a person would see it.
  await transitionsDone(page);
  expect(await scan(page), `WCAG findings: ${what}`).toEqual([]);
}
