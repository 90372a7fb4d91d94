import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import {
  demoEmail,
  openNav,
  registerPatientThroughApi,
  signIn,
  snap,
  transitionsDone,
  unique,
} from './support/helpers';
import { personPage } from './support/procurement';
import { newStaffMember } from './support/staff';
import { setUpWard } from './support/wards';

/** A patient of City General registered through the API by its admin; their MRN finds them. */
async function registerPatient(request: APIRequestContext, givenName: string): Promise<string> {
  // Both screen sizes register a Leela Wardley born the same day: not a duplicate.
  const { mrn } = await registerPatientThroughApi(request, 'cgh.admin', {
    givenName,
    familyName: 'Wardley',
    dateOfBirth: '1978-03-14',
    sex: 'female',
  });
  return mrn;
}

/** Fills and saves the open dialog's form. */
async function save(page: Page, fields: Record<string, string>): Promise<void> {
  const dialog = page.getByRole('dialog');
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** A bed's tile in the journey's own ward, and the item of its action menu. */
const tile = (ward: Locator, bed: string) => ward.getByTestId('bed-tile').filter({ hasText: bed });
async function bedAction(page: Page, ward: Locator, bed: string, action: string): Promise<void> {
  await ward.getByRole('button', { name: `Actions for bed ${bed}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

// The hospital admin sets up a ward, a room and two beds; a nurse sees them on the bed board,
// admits a patient into one and transfers them to the other; the admin's board, left open, shows
// both changes as they happen, and closing the ward with the patient in it is refused.
test('wards: the admin sets up beds; a nurse admits and transfers a patient on the live bed board', async ({
  browser,
  request,
  baseURL,
}, info) => {
  test.setTimeout(180_000);
  const tag = unique().slice(-5).toUpperCase();
  const wardName = `Ward ${tag}`;
  const nurseAccount = await newStaffMember(request, 'nurse', `Asha Kurian ${tag}`);
  const mrn = await registerPatient(request, `Leela ${tag}`);
  const patientName = `Leela ${tag} Wardley`;
  // Bed labels of the journey's own: the other screen size's run adds its ward beside this one.
  const bed1 = `${tag}-1`;
  const bed2 = `${tag}-2`;

  // 1. The hospital admin adds the ward, a room and two beds.
  const admin = await personPage(browser, info, baseURL!);
  await signIn(admin, demoEmail('cgh.admin'));
  await openNav(admin, 'Wards and beds');
  await expect(admin.getByRole('heading', { name: 'Wards and beds', level: 1 })).toBeVisible();
  await admin.getByRole('button', { name: 'Add ward' }).click();
  await save(admin, { 'Ward name': wardName });
  const setupWard = admin.getByTestId('setup-ward').filter({ hasText: wardName });
  await setupWard.getByRole('button', { name: 'Add room' }).click();
  await save(admin, { 'Room name': 'Room A' });
  for (const [label, type, rate] of [
    [bed1, 'Standard', '1500'],
    [bed2, 'Private', '2750.50'],
  ] as const) {
    await setupWard.getByRole('button', { name: 'Add bed' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Bed label' }).fill(label);
    await dialog.getByRole('combobox', { name: 'Bed type' }).click();
    await admin.getByRole('option', { name: type, exact: true }).click();
    await dialog.getByRole('textbox', { name: /^Daily rate/ }).fill(rate);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  }
  const beds = setupWard.getByTestId('data-row');
  await expect(beds).toHaveCount(2);
  await expect(beds.filter({ hasText: bed2 })).toContainText('2,750.50');
  await snap(admin, info, '01-setup');

  // The admin keeps the bed board open on the new ward.
  await admin.getByRole('main').getByRole('link', { name: 'Bed board' }).click();
  await expect(admin.getByRole('heading', { name: 'Bed board', level: 1 })).toBeVisible();
  await admin.getByRole('combobox', { name: 'Ward' }).click();
  await admin.getByRole('option', { name: wardName }).click();
  const adminWard = admin.getByTestId('board-ward').filter({ hasText: wardName });
  await expect(admin.getByTestId('live-indicator')).toHaveText('Live');
  await expect(tile(adminWard, bed1)).toContainText('Available');

  // 2. The nurse finds the free beds on the board and admits the patient into the first bed.
  const nurse = await personPage(browser, info, baseURL!);
  await signIn(nurse, nurseAccount.email, nurseAccount.password);
  await openNav(nurse, 'Bed board');
  await expect(nurse.getByTestId('live-indicator')).toHaveText('Live');
  const nurseWard = nurse.getByTestId('board-ward').filter({ hasText: wardName });
  await expect(nurseWard).toContainText('2 free');
  await expect(tile(nurseWard, bed1)).toContainText('Available');
  await bedAction(nurse, nurseWard, bed1, 'Admit a patient');
  const admitting = nurse.getByRole('dialog', { name: 'Admit a patient' });
  await admitting.getByTestId('patient-picker').fill(mrn);
  await nurse.getByRole('option').filter({ hasText: mrn }).click();
  await expect(admitting.getByTestId('chosen-patient')).toContainText(patientName);
  await expect(admitting.getByRole('combobox', { name: 'Bed' })).toHaveValue(
    new RegExp(`^${bed1} · Room A · Standard`),
  );
  await admitting.locator('label').filter({ hasText: 'Emergency' }).click();
  await expect(admitting.getByRole('radio', { name: 'Emergency' })).toBeChecked();
  await admitting.getByLabel('Reason for admission').fill('Chest pain under observation');
  await snap(nurse, info, '02-admit-dialog');
  await admitting.getByRole('button', { name: 'Admit', exact: true }).click();
  await expect(admitting).toBeHidden();
  await expect(tile(nurseWard, bed1)).toContainText('Occupied');
  await expect(tile(nurseWard, bed1)).toContainText(patientName);
  await expect(tile(nurseWard, bed1)).toContainText(mrn);

  // 3. …and transfers them to the second; the first goes to cleaning.
  await bedAction(nurse, nurseWard, bed1, 'Transfer');
  const moving = nurse.getByRole('dialog', { name: `Transfer ${patientName}` });
  await moving.getByRole('combobox', { name: 'New bed' }).click();
  await nurse.getByRole('option', { name: new RegExp(`^${bed2} · Room A · Private`) }).click();
  await moving.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(moving).toBeHidden();
  await expect(tile(nurseWard, bed2)).toContainText(patientName);
  await expect(tile(nurseWard, bed1)).toContainText('Cleaning');
  await snap(nurse, info, '03-board-after-transfer');

  // The admin's board followed without a reload.
  await expect(tile(adminWard, bed2)).toContainText('Occupied');
  await expect(tile(adminWard, bed2)).toContainText(patientName);
  await expect(tile(adminWard, bed1)).toContainText('Cleaning');
  await snap(admin, info, '04-admin-board-live');

  // 4. The admission shows both beds of the stay.
  await tile(nurseWard, bed2).getByRole('link', { name: patientName }).click();
  await expect(nurse.getByRole('heading', { name: patientName, level: 1 })).toBeVisible();
  await expect(nurse.getByTestId('current-bed')).toHaveText(`${wardName} · ${bed2}`);
  await expect(nurse.getByTestId('stay')).toHaveCount(2);
  await expect(nurse.getByTestId('stay').first()).toContainText('Moved to another bed');
  await expect(nurse.getByText('Emergency')).toBeVisible();
  await snap(nurse, info, '05-admission');
  const admissionUrl = nurse.url();

  // 5. The first bed is made ready on the nurse's board: the admin sees it free again.
  await openNav(nurse, 'Bed board');
  await bedAction(nurse, nurse.getByTestId('board-ward').filter({ hasText: wardName }), bed1, 'Mark ready');
  await expect(tile(adminWard, bed1)).toContainText('Available');

  // 6. The ward cannot be closed with a patient in it; the admin is told why.
  await openNav(admin, 'Wards and beds');
  await setupWard.getByRole('button', { name: `Close ${wardName}` }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Close ward' }).click();
  await expect(admin.getByRole('dialog').getByRole('alert')).toHaveText(/Patients are still in this ward/);
  await snap(admin, info, '06-close-refused');

  // 7. The nurse discharges the patient from the admission; their bed goes to cleaning.
  await nurse.goto(admissionUrl);
  await nurse.getByRole('button', { name: 'Discharge' }).click();
  const leaving = nurse.getByRole('dialog', { name: `Discharge ${patientName}` });
  await leaving.getByRole('button', { name: 'Discharge', exact: true }).click();
  await expect(leaving.getByText('This field is required').first()).toBeVisible();
  await leaving.getByLabel('Course in hospital').fill('Observed for 24 hours; troponin normal twice.');
  await leaving.getByRole('combobox', { name: 'Condition on discharge' }).selectOption('Improved');
  await leaving.getByLabel('Follow-up').fill('Cardiology clinic in one week.');
  // Admitted from the bed board, not from a consultation: there are no diagnoses to take over.
  await leaving.getByRole('button', { name: 'Discharge', exact: true }).click();
  await expect(leaving.getByRole('alert')).toContainText('Give the diagnoses');
  await leaving.getByLabel('Diagnosis in words').fill('Non-cardiac chest pain');
  await leaving.getByRole('button', { name: 'Add without a code' }).click();
  await leaving.getByRole('button', { name: 'Discharge', exact: true }).click();
  await expect(leaving).toBeHidden();
  await expect(nurse.getByText('Discharged').first()).toBeVisible();
  await expect(nurse.getByRole('region', { name: 'Discharge summary' })).toContainText(
    'Non-cardiac chest pain',
  );
  await snap(nurse, info, '07-discharged');
  await openNav(nurse, 'Bed board');
  await expect(tile(nurse.getByTestId('board-ward').filter({ hasText: wardName }), bed2)).toContainText(
    'Cleaning',
  );

  // 8. The admissions list has them among the discharged, no longer among those in a bed.
  await openNav(nurse, 'Admissions');
  await expect(nurse.getByRole('heading', { name: 'Admissions', level: 1 })).toBeVisible();
  await expect(nurse.getByTestId('data-row').filter({ hasText: mrn })).toHaveCount(0);
  await nurse.locator('label').filter({ hasText: 'Discharged' }).click();
  const row = nurse.getByTestId('data-row').filter({ hasText: mrn });
  await expect(row).toContainText(`${wardName} · ${bed2}`);
  await snap(nurse, info, '08-admissions');
  await row.getByRole('link', { name: patientName }).click();
  await expect(nurse).toHaveURL(admissionUrl);

  await admin.context().close();
  await nurse.context().close();
});

// A nurse has a bed's menu open when someone else changes the board (here the admin adds a ward
// that sorts above hers). The board holds still under the menu, says that changes are waiting, and
// shows them as soon as the menu closes; the menu's items never move from under the pointer.
test('wards: the live bed board holds still while a bed’s menu is open', async ({
  browser,
  request,
  baseURL,
}, info) => {
  const tag = unique().slice(-5).toUpperCase();
  const { beds } = await setUpWard(request, tag);
  // A nurse of her own: the demo nurse turns on two-factor sign-in in another journey (on phones).
  const account = await newStaffMember(request, 'nurse', `Nurse ${tag}`);
  const nurse = await personPage(browser, info, baseURL!);
  await signIn(nurse, account.email, account.password);
  await nurse.goto('/app/beds');
  const indicator = nurse.getByTestId('live-indicator');
  await expect(indicator).toHaveText('Live');
  const ward = nurse.getByTestId('board-ward').filter({ hasText: `Ward ${tag}` });
  const annex = nurse.getByTestId('board-ward').filter({ hasText: `Annex ${tag}` });
  await ward.getByRole('button', { name: `Actions for bed ${beds[0]}` }).click();
  const admitItem = nurse.getByRole('menuitem', { name: 'Admit a patient' });
  await expect(admitItem).toBeVisible();
  await transitionsDone(nurse);
  const before = (await admitItem.boundingBox())!;

  await setUpWard(request, `${tag}A`, `Annex ${tag}`);
  await expect(indicator).toHaveText('Paused while a menu is open');
  await expect(annex).toHaveCount(0);
  // Where it was, give or take the browser's rounding of a fraction of a pixel.
  const after = (await admitItem.boundingBox())!;
  expect(Math.abs(after.x - before.x)).toBeLessThan(1);
  expect(Math.abs(after.y - before.y)).toBeLessThan(1);
  await expect(admitItem).toBeVisible();

  await nurse.keyboard.press('Escape');
  await expect(admitItem).toBeHidden();
  await expect(annex).toBeVisible();
  await expect(indicator).toHaveText('Live');
  await snap(nurse, info, '09-board-after-the-menu');
  // The menu still does what it says on the board as it is now.
  await ward.getByRole('button', { name: `Actions for bed ${beds[0]}` }).click();
  await nurse.getByRole('menuitem', { name: 'Admit a patient' }).click();
  await expect(nurse.getByRole('dialog', { name: 'Admit a patient' })).toBeVisible();
  await snap(nurse, info, '10-admit-after-the-menu');
  await nurse.context().close();
});
