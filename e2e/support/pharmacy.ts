// Steps the pharmacy journeys share: finding a medicine in the inventory as a pharmacist does,
// reading its stock on hand, and screenshots kept for a reviewer.
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { openNav, snap } from './helpers';

/** Opens the medicine's page in the inventory, searched for by its brand as a pharmacist would. */
export async function openMedicine(page: Page, brand: string): Promise<void> {
  await openNav(page, 'Inventory');
  const searched = page.waitForResponse(
    (r) => r.url().includes('/api/medicines?') && new URL(r.url()).searchParams.get('q') === brand && r.ok(),
  );
  await page.getByTestId('medicine-search').fill(brand);
  await searched;
  // The search is typo-tolerant and ranks: the medicine asked for comes first.
  const first = page.getByTestId('data-row').first();
  await expect(first).toContainText(brand);
  await first.getByRole('link').first().click();
  await expect(page.getByTestId('on-hand')).toBeVisible();
}

/** The hospital-wide stock on hand the open medicine page shows. */
export async function onHand(page: Page): Promise<number> {
  const text = await page.getByTestId('on-hand').locator('p').last().innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

/** The journey's screenshot (e2e/screenshots), and a copy in /tmp/e2e-shots for a reviewer to look at. */
export async function shot(page: Page, info: TestInfo, step: string): Promise<void> {
  await snap(page, info, step);
  const dir = '/tmp/e2e-shots';
  fs.mkdirSync(dir, { recursive: true });
  const journey = path.basename(info.file, '.spec.ts');
  await page.screenshot({
    path: path.join(dir, `${journey}-${info.project.name}-${step}.png`),
    fullPage: true,
  });
}

/**
 * The text of a row's cell under a column header, as a person reads it: a table cell on a
 * desktop, the value under its label on a phone's card (DataTable's two layouts).
 */
export async function cellText(row: Locator, header: string): Promise<string> {
  return row.evaluate((el, h) => {
    if (el.tagName === 'TR') {
      const headers = Array.from(el.closest('table')!.querySelectorAll('thead th'));
      const i = headers.findIndex((th) => th.textContent?.trim() === h);
      return i === -1 ? '' : (el.children[i] as HTMLElement).innerText.trim();
    }
    const label = Array.from(el.querySelectorAll('p')).find((p) => p.textContent?.trim() === h);
    return (label?.nextElementSibling as HTMLElement | null)?.innerText.trim() ?? '';
  }, header);
}
