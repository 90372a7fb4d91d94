import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { demoEmail, openNav, signIn, snap } from './support/helpers';

// The patient's own stays in hospital: the demo patient opens My stays, sees their discharged stay
// (hospital, ward and bed, attending doctor) and downloads its discharge summary, a PDF.

// A step that cannot happen fails in half a minute, not at the end of the test's time.
test.use({ actionTimeout: 30_000 });

test('the patient finds their stay in hospital and downloads its discharge summary', async ({
  page,
}, info) => {
  await signIn(page, demoEmail('patient'));
  await openNav(page, 'My stays');
  await expect(page).toHaveURL(/\/app\/my-stays$/);
  await expect(page.getByRole('heading', { name: 'My stays', level: 1 })).toBeVisible();

  // The demo patient was in General Ward A with dengue fever, and went home.
  const stay = page.getByTestId('my-stay').filter({ hasText: 'Dengue fever' });
  await expect(stay).toHaveCount(1);
  await expect(stay).toContainText('City General Hospital');
  await expect(stay).toContainText('General Ward A, bed A-2');
  await expect(stay).toContainText('Discharged');
  await expect(stay).toContainText(/Attending doctor: Dr /);
  await snap(page, info, '01-my-stays');

  // Nothing on the page is wider than a phone's screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  const [response, download] = await Promise.all([
    page.waitForResponse((r) =>
      /\/api\/wards\/admissions\/[0-9a-f-]{36}\/discharge-summary\.pdf$/.test(r.url()),
    ),
    page.waitForEvent('download'),
    stay.getByRole('button', { name: 'Discharge summary' }).click(),
  ]);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');
  expect(download.suggestedFilename()).toMatch(/^discharge-summary-.*\.pdf$/);
  const body = fs.readFileSync((await download.path())!).toString('latin1');
  expect(body.startsWith('%PDF')).toBe(true);
  expect(body).toContain('DISCHARGE SUMMARY');
  expect(body).toContain('Dengue fever');
  expect(body).toContain('Paracetamol 650 mg tablet');
});
