import { expect, test } from '@playwright/test';
import { demoEmail, inTurn, openNav, signIn, snap } from './support/helpers';

// A hospital admin chooses how bed-days are billed, on the ward set-up screen. Riverside's admin
// does it, so the journeys billing City General's stays are not affected while this one runs.

// A step that cannot happen fails in half a minute, not at the end of the test's time.
test.use({ actionTimeout: 30_000 });

test('the hospital admin switches bed-days to calendar days and back, and taxes them for a while', async ({
  page,
}, info) => {
  // Desktop and phone share Riverside's settings: they take turns.
  await inTurn('rvc-ward-billing', async () => {
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
    await expect(
      page.getByText('Bed-days are now billed as: Bed-days by calendar day, tax 0%.'),
    ).toBeVisible();
    await snap(page, info, '01-calendar-day');
    // Kept by the server: a fresh page shows the new rule.
    await page.reload();
    await expect(calendar).toBeChecked();
    await expect(save).toBeDisabled();

    // Room rent taxed at 5%: kept, then back to none.
    const tax = page.getByRole('textbox', { name: 'Tax on bed-days' });
    await expect(tax).toHaveValue('0%');
    await tax.fill('5');
    await save.click();
    await expect(
      page.getByText('Bed-days are now billed as: Bed-days by calendar day, tax 5%.'),
    ).toBeVisible();
    await page.reload();
    await expect(tax).toHaveValue('5%');

    await census.check();
    await tax.fill('0');
    await save.click();
    await expect(
      page.getByText('Bed-days are now billed as: Bed-days by midnight census, tax 0%.'),
    ).toBeVisible();
    await page.reload();
    await expect(census).toBeChecked();
    await expect(tax).toHaveValue('0%');
  });
});
