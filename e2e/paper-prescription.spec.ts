import { expect, test, type APIRequestContext } from '@playwright/test';
import { openNav, registerPatientThroughApi, signIn, unique } from './support/helpers';
import { shot } from './support/pharmacy';
import { newStaffMember } from './support/staff';

/** A patient of City General registered through the API by its front desk, named for this run. */
async function registerPatient(request: APIRequestContext): Promise<{ name: string; mrn: string }> {
  const familyName = `Paperwala ${unique()}`;
  const { mrn } = await registerPatientThroughApi(request, 'receptionist', {
    givenName: 'Kavya',
    familyName,
    dateOfBirth: '1991-07-22',
    sex: 'female',
  });
  return { name: `Kavya ${familyName}`, mrn };
}

test('the pharmacist types in a paper prescription and dispenses it in two goes', async ({
  page,
  request,
}, info) => {
  const patient = await registerPatient(request);
  const staff = await newStaffMember(request, 'pharmacist', 'Ritu Kapoor');
  await signIn(page, staff.email, staff.password);

  // The prescription a patient brought on paper: the patient, the prescriber, and two medicines.
  await openNav(page, 'Prescriptions');
  await page.getByRole('link', { name: 'Enter paper prescription' }).click();
  await expect(page.getByRole('heading', { name: 'Enter a paper prescription', level: 1 })).toBeVisible();
  await page.getByTestId('patient-picker').fill(patient.mrn);
  await page.getByRole('option').filter({ hasText: patient.mrn }).click();
  await expect(page.getByTestId('chosen-patient')).toContainText(patient.name);
  await page.getByLabel(/^Prescriber/).fill('Dr. Anil Mehta');

  // Saving without a medicine says so next to the search, and saves nothing.
  await page.getByRole('button', { name: 'Save prescription' }).click();
  await expect(page.getByLabel('Add a medicine')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/app\/prescriptions\/new$/);

  for (const [search, brand] of [
    ['Paracetamol 500', 'Paracetamol'],
    ['Cetirizine', 'Cetirizine'],
  ] as const) {
    await page.getByLabel('Add a medicine').fill(search);
    await page.getByRole('option').filter({ hasText: brand }).first().click();
  }
  // Picking a medicine twice does not add a second line for it.
  await page.getByLabel('Add a medicine').fill('Paracetamol 500');
  await page.getByRole('option').filter({ hasText: 'Paracetamol' }).first().click();
  const lines = page.getByTestId('line');
  await expect(lines).toHaveCount(2);
  await lines
    .nth(0)
    .getByLabel(/^Quantity/)
    .fill('10');
  await lines.nth(0).getByLabel('Directions').fill('1 tablet when needed, up to 3 a day');
  await lines
    .nth(1)
    .getByLabel(/^Quantity/)
    .fill('5');
  // A line taken off again is gone from what is saved.
  await lines
    .nth(1)
    .getByRole('button', { name: /^Remove / })
    .click();
  await expect(lines).toHaveCount(1);
  await shot(page, info, '01-entered');
  await page.getByRole('button', { name: 'Save prescription' }).click();

  // The saved prescription opens with all ten to dispense; six go now.
  await expect(page).toHaveURL(/\/app\/prescriptions\/[0-9a-f-]{36}$/);
  await expect(page.getByText(`Prescription for ${patient.name} saved.`)).toBeVisible();
  await expect(
    page.getByRole('heading', { name: `Prescription for ${patient.name}`, level: 1 }),
  ).toBeVisible();
  const quantity = page.getByLabel(/^Quantity of .*Paracetamol.* to dispense$/);
  await expect(quantity).toHaveValue('10');
  await expect(page.getByLabel(/^Quantity of .*Cetirizine/)).toHaveCount(0);
  await quantity.fill('6');
  await page.getByRole('button', { name: 'Dispense', exact: true }).click();
  await expect(page.getByText('Dispensed. Pick the batches shown.')).toBeVisible();
  await expect(page.getByTestId('dispensed').getByTestId('pick').first()).toBeVisible();

  // The form now offers the four left, and dispensing them closes the prescription's lines.
  await expect(page.getByText('4 tablets left', { exact: true })).toBeVisible();
  await expect(quantity).toHaveValue('4');
  await shot(page, info, '02-partly-dispensed');
  await page.getByRole('button', { name: 'Dispense', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Dispense', exact: true })).toHaveCount(0);
  await shot(page, info, '03-dispensed');
});
