import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoEmail, signIn, snap, unique } from './support/helpers';
import { setUpWard } from './support/wards';
import { expectAccessible } from './support/axe';

// A step that cannot happen fails in half a minute, not at the end of the test's time.
test.use({ actionTimeout: 30_000 });

/** Opens a bed's action menu on the board and chooses the action. */
async function bedAction(page: Page, ward: Locator, bed: string, action: string): Promise<void> {
  await ward.getByRole('button', { name: `Actions for bed ${bed}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

/** Searches the dialog's patient picker by name and takes the patient named so. */
async function pickPatient(page: Page, dialog: Locator, name: string): Promise<void> {
  await dialog.getByTestId('patient-picker').fill(name.split(' ').slice(1).join(' '));
  await page.getByRole('option').filter({ hasText: name }).click();
  await expect(dialog.getByTestId('chosen-patient')).toContainText(name);
}

// A patient is expected for surgery: the front desk reserves a bed for them on the bed board. The
// bed shows who it is held for and until when; admitting somebody else into it is refused (with a
// way to override, given a reason), and admitting the patient it names uses the reservation.
test('the front desk reserves a bed for a named patient, who alone is admitted into it', async ({
  browser,
  request,
}, info) => {
  const tag = unique().slice(-5).toUpperCase();
  const { patient, beds } = await setUpWard(request, tag);
  // Somebody else, registered at the same hospital (a ward of their own comes with them, unused).
  const { patient: other } = await setUpWard(request, `Q${tag}`);
  const bed = beds[0];

  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, demoEmail('receptionist'));
  await desk.goto('/app/beds');
  const ward = desk.getByTestId('board-ward').filter({ hasText: `Ward ${tag}` });
  const tile = ward.getByTestId('bed-tile').filter({ hasText: bed });
  await expect(tile).toContainText('Available');

  // 1. The desk reserves the bed for the patient until tomorrow (the dialog's default), saying why.
  await bedAction(desk, ward, bed, 'Reserve for a patient');
  const reserving = desk.getByRole('dialog', { name: `Reserve bed ${bed}` });
  await expect(reserving).toBeVisible();
  await expectAccessible(desk, 'the bed reservation dialog');
  await pickPatient(desk, reserving, patient.name);
  await expect(reserving.getByLabel(/^Held until/)).not.toHaveValue('');
  await reserving.getByLabel('Reason').fill('Hip replacement tomorrow morning');
  await snap(desk, info, '01-reserve');
  await reserving.getByRole('button', { name: 'Reserve', exact: true }).click();
  await expect(reserving).toBeHidden();

  // 2. The board shows whom the bed is held for, and until when.
  await expect(tile).toHaveAttribute('data-state', 'reserved');
  const note = tile.getByTestId('bed-reservation');
  await expect(note).toContainText('Reserved for');
  await expect(note).toContainText(patient.name);
  await expect(note).toContainText(/Until /);
  await expect(note).toContainText('Hip replacement tomorrow morning');
  await snap(desk, info, '02-reserved-tile');

  // 3. Admitting somebody else into it is refused; the dialog asks why before it would give way.
  await bedAction(desk, ward, bed, 'Admit a patient');
  const admitting = desk.getByRole('dialog', { name: 'Admit a patient' });
  await pickPatient(desk, admitting, other.name);
  await admitting.getByRole('button', { name: 'Admit', exact: true }).click();
  await expect(admitting.getByRole('alert')).toContainText('reserved for another patient');
  await expect(admitting.getByLabel(/^Why this patient goes into the reserved bed/)).toBeVisible();
  await expect(admitting.getByRole('button', { name: 'Admit anyway' })).toBeVisible();
  await snap(desk, info, '03-someone-else-refused');
  await admitting.getByRole('button', { name: 'Cancel' }).click();
  await expect(admitting).toBeHidden();
  await expect(note).toContainText(patient.name);

  // 4. Admitting the patient it names: the dialog comes with them, and the bed is theirs.
  await bedAction(desk, ward, bed, `Admit ${patient.name}`);
  const named = desk.getByRole('dialog', { name: 'Admit a patient' });
  await expect(named.getByTestId('admit-patient')).toContainText(patient.name);
  await named.getByRole('button', { name: 'Admit', exact: true }).click();
  await expect(named).toBeHidden();
  await expect(tile).toHaveAttribute('data-state', 'occupied');
  await expect(tile).toContainText(patient.name);
  await expect(tile.getByTestId('bed-reservation')).toHaveCount(0);
  await snap(desk, info, '04-admitted');
  await desk.context().close();
});
