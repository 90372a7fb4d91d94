import { expect, test } from '@playwright/test';
import { demoEmail, openNav, signIn, snap } from './support/helpers';

// The demo's month of past visits, as a new user meets them right after `npm start`: the demo
// patient reads their visit history and prints a prescription; the demo doctor has patients seen and
// opens a past consultation from a patient's record. Reads only: other journeys share these accounts.

test.use({ actionTimeout: 30_000 });

test('the demo patient reads their past visits and downloads a prescription', async ({ page }, info) => {
  await signIn(page, demoEmail('patient'));
  await openNav(page, 'My visits');
  await expect(page.getByRole('heading', { name: 'My visits', level: 1 })).toBeVisible();

  // Seen by the general physician for migraine, a month ago, with a prescription and lab tests.
  const visit = page.getByTestId('visit').filter({ hasText: 'Migraine, unspecified' });
  await expect(visit).toHaveCount(1);
  await expect(visit).toContainText('City General Hospital');
  await expect(visit).toContainText('Naproxen 500 mg tablet (Naprosyn 500)');
  await expect(visit).toContainText('CBC, lipid profile');
  // And by the cardiologist for palpitations, with advice and no medicine.
  await expect(page.getByTestId('visit').filter({ hasText: 'Palpitations' })).toContainText(
    'Cut down caffeine',
  );
  await snap(page, info, '01-my-visits');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // It opens in a tab of its own.
  const [response, tab] = await Promise.all([
    page.waitForResponse((r) => /\/prescription\.pdf$/.test(r.url())),
    page.waitForEvent('popup'),
    visit.getByRole('button', { name: 'Prescription PDF' }).click(),
  ]);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');
  await tab.close();
  // What it holds, fetched again (the tab's copy is a blob of the page's).
  const again = await page.request.get(response.url());
  expect(again.status()).toBe(200);
  const body = (await again.body()).toString('latin1');
  expect(body.startsWith('%PDF')).toBe(true);
  expect(body).toContain('G43.9');
  expect(body).toContain('Naproxen 500 mg tablet');
});

test('the demo doctor has patients seen and opens a past consultation from the record', async ({
  page,
}, info) => {
  await signIn(page, demoEmail('doctor'));
  await expect(page.getByTestId('card-patientsSeen').getByTestId('figure')).not.toHaveText('0');
  await snap(page, info, '02-doctor-dashboard');

  // Sunita Rao came back yesterday for her blood pressure, a week after her admission.
  await openNav(page, 'Patients');
  await page.getByRole('searchbox', { name: 'Search patients' }).fill('Sunita Rao');
  await page.getByRole('link', { name: 'Sunita Rao' }).first().click();
  await expect(page.getByRole('heading', { name: 'Sunita Rao', level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: 'Visits' }).click();
  const visit = page.getByTestId('visit').filter({ hasText: 'Essential (primary) hypertension' });
  await expect(visit).toContainText('Telmisartan 40 mg tablet (Telma 40)');
  await snap(page, info, '03-patient-visits');

  await visit.getByRole('link', { name: 'Open consultation' }).click();
  await expect(page.getByRole('heading', { name: 'Consultation: Sunita Rao', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Closed /i)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Vitals' })).toBeVisible();
  await expect(page.getByText('Blood pressure (mmHg)')).toBeVisible();
  await expect(page.getByText('146/90')).toBeVisible();
  await expect(page.getByText('Telmisartan added; metformin continued.', { exact: false })).toBeVisible();
  // A closed consultation changes only by an addendum.
  await expect(page.getByRole('button', { name: 'Add addendum' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close consultation' })).toHaveCount(0);
  await snap(page, info, '04-past-consultation');
});
