import { expect, test } from '@playwright/test';
import { demoEmail, signIn, snap, unique } from './support/helpers';
import { setUpWard } from './support/wards';

// A step that cannot happen fails in half a minute, not at the end of the test's time.
test.use({ actionTimeout: 30_000 });

// Someone brought in unconscious: the nurse admits them from the bed board as an emergency before
// anyone knows their name; a temporary record with an MRN is made at once, and the front desk
// completes it later and marks it complete.
test('an unidentified patient is admitted as an emergency and their record completed at the front desk', async ({
  browser,
  request,
}, info) => {
  const tag = unique().slice(-5).toUpperCase();
  const { beds } = await setUpWard(request, tag);
  const callName = `Unknown man ${tag}`;

  const nurse = await (await browser.newContext()).newPage();
  await signIn(nurse, demoEmail('nurse'));
  await nurse.goto('/app/beds');
  const ward = nurse.getByTestId('board-ward').filter({ hasText: `Ward ${tag}` });
  await ward.getByRole('button', { name: `Actions for bed ${beds[0]}` }).click();
  await nurse.getByRole('menuitem', { name: 'Admit a patient' }).click();
  const admitting = nurse.getByRole('dialog', { name: 'Admit a patient' });
  await admitting.locator('label').filter({ hasText: 'Emergency' }).click();
  await admitting.getByLabel('Not identified yet').check();
  await admitting.getByRole('textbox', { name: /^What to call them/ }).fill(callName);
  await admitting.getByRole('combobox', { name: 'Sex' }).selectOption('Male');
  await admitting.getByLabel('Reason for admission').fill('Road traffic accident, unconscious');
  await snap(nurse, info, '01-emergency-admit');
  await admitting.getByRole('button', { name: 'Admit', exact: true }).click();
  await expect(admitting).toBeHidden();
  const tile = nurse.getByTestId('bed-tile').filter({ hasText: beds[0] });
  await expect(tile).toContainText(callName);
  await expect(tile).toContainText(/CGH-\d{6}/);
  await nurse.context().close();

  // The front desk finds the record by the name given, completes it and says it is complete.
  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, demoEmail('receptionist'));
  await desk.goto('/app/beds');
  await desk
    .getByTestId('bed-tile')
    .filter({ hasText: beds[0] })
    .getByRole('link', { name: callName })
    .click();
  await desk.getByRole('link', { name: 'Open the patient’s record' }).click();
  await expect(desk.getByTestId('temporary-record')).toHaveText('Temporary record');
  await desk.getByRole('note').getByRole('button', { name: 'Edit details' }).click();
  await desk.getByLabel('Given name').fill('Suresh');
  await desk.getByLabel('Family name').fill(`Menon ${tag}`);
  await desk.getByLabel(/no longer a temporary record/).check();
  await snap(desk, info, '02-complete-record');
  await desk.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(desk.getByRole('heading', { name: `Suresh Menon ${tag}`, level: 1 })).toBeVisible();
  await expect(desk.getByTestId('temporary-record')).toHaveCount(0);
  await desk.context().close();
});
