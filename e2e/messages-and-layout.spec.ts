// Papercuts a new user met: zod's English under an empty field, a status badge cut to "APPRO…"
// and emails broken mid-word at 1280 px, action names clipped on a phone, and dashboards showing
// times in UTC. Each is checked as a person would see it, with a screenshot of the page.
import { expect, test } from '@playwright/test';
import { demoEmail, openNav, signIn, snap } from './support/helpers';
import {
  expectBreaksOnlyAfter,
  expectInside,
  expectNoSidewaysScroll,
  expectNotTruncated,
} from './support/layout';

const ZOD_ENGLISH = /Invalid input|expected string|received undefined|Too small|Too big/;

test('an empty required field says so in words, not in zod’s English', async ({ page }, info) => {
  await signIn(page, demoEmail('receptionist'));
  await openNav(page, 'Patients');
  await page.getByRole('link', { name: 'Register patient' }).first().click();
  await expect(page.getByRole('heading', { name: 'Register a patient' })).toBeVisible();

  // Nothing filled in at all, then a family name only: the given name is still missing.
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByText('This field is required')).toBeVisible();
  await page.getByLabel('Family name').fill('Iyer');
  await page.getByRole('button', { name: 'Register patient' }).click();
  const givenName = page.getByLabel('Given name');
  await expect(givenName).toHaveAccessibleDescription(/This field is required/);
  await expect(page.getByText(ZOD_ENGLISH)).toHaveCount(0);
  await snap(page, info, '01-required');
});

test('the doctors table fits at 1280 px: whole status badges, emails wrapped at their @', async ({
  page,
}, info) => {
  if (info.project.name === 'desktop') await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, demoEmail('cgh.admin'));
  await openNav(page, 'Doctors');
  await expect(page.getByRole('heading', { name: 'Doctors', level: 1 })).toBeVisible();
  const rows = page.getByTestId('data-row');
  await expect(rows.first()).toBeVisible();

  await expectNotTruncated(rows.locator('.mantine-Badge-root'));
  await expectBreaksOnlyAfter(rows.getByTestId('doctor-email'), '@.-_');
  await expectInside(rows.getByTestId('doctor-email'), '[data-testid="data-row"]');
  await snap(page, info, '02-doctors');
});

test('the audit log shows whole action names on a phone', async ({ page }, info) => {
  await signIn(page, demoEmail('cgh.admin'));
  // A refused request is logged under its method and route, the longest kind of action name:
  // make one, so the newest rows always hold one (it once broke mid-word when one happened to).
  const refused = await page.evaluate(async () => {
    const res = await fetch('/api/wards/admissions/00000000-0000-4000-8000-000000000000/service-charges');
    // Read to the end: API answers are never cached, and an unread body keeps its request open,
    // so the page would never be idle for the screenshot.
    await res.text();
    return res.status;
  });
  expect(refused).toBe(404);
  await openNav(page, 'Audit log');
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  const actions = page.getByTestId('data-row').getByTestId('audit-action');
  await expect(actions.first()).toBeVisible();

  await expectInside(actions, '[data-testid="data-row"]');
  await expectNotTruncated(actions);
  await expect(actions.filter({ hasText: 'GET /api/wards/admissions/:id/service-charges' })).not.toHaveCount(
    0,
  );
  await expectBreaksOnlyAfter(actions, '._/-');
  await snap(page, info, '03-audit');
});

// Tables a few pixels wider than a phone's card hid their last column behind a sideways scroll:
// the bed counts of the admin's ward card, the cashier's day by method, the doctor's weekly hours.
for (const [login, url, testId, shot] of [
  ['cgh.admin', '/app', 'ward-occupancy', '06-ward-card'],
  ['receptionist', '/app/cash-closing', 'cash-by-method', '07-cash-by-method'],
  ['doctor', '/app/availability', 'weekly-hours', '08-weekly-hours'],
] as const) {
  test(`${testId} fits the screen without scrolling sideways (${login})`, async ({ page }, info) => {
    await signIn(page, demoEmail(login));
    await page.goto(url);
    const part = page.getByTestId(testId);
    await expect(part.getByRole('row').nth(1)).toBeVisible();
    // The whole page: the table's scroll area sits around the part, not in it.
    await expectNoSidewaysScroll(page.locator('main'));
    await snap(page, info, shot);
  });
}

// An invoice's payments at a desk: the page's two columns leave the card 675 px, and the receipt
// button ran past its edge behind a sideways scroll.
test('an invoice’s payments fit their card, receipt button and all', async ({ page }, info) => {
  await signIn(page, demoEmail('receptionist'));
  const paid = await page.evaluate(async () => {
    const res = await fetch('/api/billing/invoices?limit=100');
    const body = (await res.json()) as { items: { id: string; paidMinor: number }[] };
    return body.items.find((i) => i.paidMinor > 0)?.id;
  });
  expect(paid, 'a demo invoice with a payment').toBeTruthy();
  await page.goto(`/app/invoices/${paid}`);
  const receipt = page.getByRole('button', { name: 'Receipt' }).first();
  await expect(receipt).toBeVisible();
  await expectNoSidewaysScroll(page.locator('main'));
  await expectInside(receipt, '.mantine-Card-root');
  await snap(page, info, '09-invoice-payments');
});

// Tablets: the menu stood beside the page from 768 px, leaving lists 444 px (tables of 550-700
// px scrolled sideways); it now opens from the burger below 992 px. Between 992 and 1200 px the
// doctors list, the audit log and an invoice's lines overflowed too.
test('lists and an invoice fit a tablet, upright and sideways, without scrolling sideways', async ({
  page,
}, info) => {
  await signIn(page, demoEmail('cgh.admin'));
  for (const [width, url] of [
    [768, '/app/invoices'],
    [768, '/app/inventory'],
    [768, '/app/stock-alerts'],
    [768, '/app/staff'],
    [1024, '/app/doctors'],
    [1024, '/app/audit'],
    [1024, '/app/invoices'],
  ] as const) {
    await page.setViewportSize({ width, height: 1000 });
    await page.goto(url);
    await expect(page.getByRole('row').nth(1)).toBeVisible();
    await expectNoSidewaysScroll(page.locator('main'));
  }
  // An invoice of the list, opened at 1024 px: its lines and payments one above the other.
  await page.getByTestId('data-row').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/app\/invoices\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Lines' })).toBeVisible();
  await expectNoSidewaysScroll(page.locator('main'));
  await snap(page, info, '10-invoice-at-1024');
});

test.describe('dashboards in a browser set to New York time', () => {
  test.use({ timezoneId: 'America/New_York', locale: 'en-GB' });

  test('a patient sees times in their hospital’s zone, by the browser’s locale', async ({ page }, info) => {
    await signIn(page, demoEmail('patient'));
    const updated = page.getByTestId('dashboard-updated');
    // Rahul Verma is registered at City General Hospital, Bengaluru.
    await expect(updated).toContainText('India Standard Time');
    // en-GB puts the day before the month: "2 Dec 2026, 16:05".
    await expect(updated).toHaveText(/\d{1,2} [A-Z][a-z]{2} \d{4}/);
    await snap(page, info, '04-patient-dashboard');
  });

  test('a platform admin, with no hospital, sees times in the browser’s zone', async ({ page }, info) => {
    await signIn(page, demoEmail('admin'));
    const updated = page.getByTestId('dashboard-updated');
    await expect(updated).toContainText(/Eastern (Standard|Daylight) Time/);
    await expect(updated).not.toContainText('UTC');
    await snap(page, info, '05-admin-dashboard');
  });
});
