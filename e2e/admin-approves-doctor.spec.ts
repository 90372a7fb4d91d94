import { expect, test } from '@playwright/test';
import { applyAsDoctor, demoEmail, signIn, snap, unique } from './support/helpers';

test('a hospital admin approves a doctor who registered', async ({ page, request }, info) => {
  const name = `Dr Applicant ${unique()}`;
  await applyAsDoctor(request, 'City General Hospital', name);

  await signIn(page, demoEmail('cgh.admin'));
  await expect(page.getByTestId('card-doctorsPending').getByTestId('figure')).not.toHaveText('0');
  await snap(page, info, '01-dashboard');

  // The dashboard card leads straight to the approval queue.
  await page.getByRole('link', { name: 'Open Doctors awaiting approval' }).click();
  await expect(page.getByRole('heading', { name: 'Doctors', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/status=pending/);
  await page.getByPlaceholder('Search doctors').fill(name);
  const row = page.getByTestId('data-row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await snap(page, info, '02-pending-queue');

  await row.getByRole('button', { name: `Approve ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Approve ${name}?` });
  await expect(dialog).toBeVisible();
  await snap(page, info, '03-confirm');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(`${name} is approved.`)).toBeVisible();
  await expect(row).toHaveCount(0);

  await page
    .locator('label')
    .filter({ hasText: /^Approved$/ })
    .click();
  await expect(page).toHaveURL(/status=approved/);
  await page.getByPlaceholder('Search doctors').fill(name);
  await expect(page.getByTestId('data-row').filter({ hasText: name })).toContainText('Approved');
  await snap(page, info, '04-approved');
});
