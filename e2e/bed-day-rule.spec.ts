import { expect, test } from '@playwright/test';
import { demoEmail, openNav, signIn, snap } from './support/helpers';

// A hospital admin chooses how bed-days are billed, on the ward set-up screen. Riverside's admin
// does it, so the journeys billing City General's stays are not affected while this one runs.

// A step that cannot happen fails in half a minute, not at the end of the test's time.
test.use({ actionTimeout: 30_000 });

test('the hospital admin switches bed-days to calendar days and back', async ({ page }, info) => {
  await signIn(page, demoEmail('rvc.admin'));
  await openNav(page, 'Wards and beds');
  const card = page.getByRole('radiogroup', { name: 'Billing bed-days' });
  const census = card.getByRole('radio', { name: 'Bed-days by midnight census' });
  const calendar = card.getByRole('radio', { name: 'Bed-days by calendar day' });
  const save = page.getByRole('button', { name: 'Save billing rule' });
  await expect(census).toBeChecked();
  await expect(save).toBeDisabled();

  await calendar.check();
  await save.click();
  await expect(page.getByText('Bed-days are now billed as: Bed-days by calendar day.')).toBeVisible();
  await snap(page, info, '01-calendar-day');
  // Kept by the server: a fresh page shows the new rule.
  await page.reload();
  await expect(calendar).toBeChecked();
  await expect(save).toBeDisabled();

  await census.check();
  await save.click();
  await expect(page.getByText('Bed-days are now billed as: Bed-days by midnight census.')).toBeVisible();
  await page.reload();
  await expect(census).toBeChecked();
});
