import { expect, type Browser, type Page } from '@playwright/test';

/**
 * A page on the test server through a plain-HTTP intranet name (`ward-pc.hospital.test`, mapped to
 * this machine in playwright.config.ts) instead of 127.0.0.1. Such a page is not a secure context,
 * as at a hospital whose Hospitium is served over HTTP on its own network: browser features kept
 * for secure contexts (crypto.randomUUID, the clipboard, service workers) are missing there.
 */
export async function intranetPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const url = new URL(baseURL ?? 'http://127.0.0.1');
  url.hostname = 'ward-pc.hospital.test';
  const page = await (await browser.newContext({ baseURL: url.origin })).newPage();
  await page.goto('/');
  expect(await page.evaluate(() => window.isSecureContext), 'an intranet page is not a secure context').toBe(
    false,
  );
  return page;
}
