import { expect, test, type Page } from '@playwright/test';
import { apiSignIn, registerPatientThroughApi, signIn, snap, unique } from './support/helpers';
import { newStaffMember } from './support/staff';

/** A row of the allergies or conditions table, by what it names. */
const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

test('a nurse keeps allergies and conditions current, and is told when a colleague changed one first', async ({
  page,
  request,
}, info) => {
  const { id } = await registerPatientThroughApi(request, 'receptionist', {
    givenName: 'Ishaan',
    familyName: `Safeway ${unique()}`,
    dateOfBirth: '1985-02-11',
    sex: 'male',
    allergies: [
      { substance: 'Penicillin', reaction: 'Hives', severity: 'moderate' },
      { substance: 'Sulfa drugs', severity: 'mild' },
    ],
  });
  const nurse = await newStaffMember(request, 'nurse', 'Asha Pillai');
  await signIn(page, nurse.email, nurse.password);
  await page.goto(`/app/patients/${id}`);
  await page.getByRole('tab', { name: 'Allergies and conditions' }).click();

  // The penicillin allergy no longer holds: marked inactive, and offered to be made active again.
  await row(page, 'Penicillin').getByRole('button', { name: 'Mark inactive' }).click();
  await expect(page.getByText('Allergy updated.')).toBeVisible();
  await expect(row(page, 'Penicillin')).toContainText('Inactive');
  await expect(row(page, 'Penicillin').getByRole('button', { name: 'Mark active' })).toBeVisible();

  // A condition, with its ICD-10 code.
  await page.getByRole('button', { name: 'Record condition' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record condition' });
  await dialog.getByLabel(/^Condition/).fill('Essential hypertension');
  await dialog.getByLabel('ICD-10 code').fill('I10');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, 'Essential hypertension')).toContainText('I10');
  await snap(page, info, '01-updated');

  // Meanwhile a doctor finds the sulfa allergy was recorded for the wrong patient and marks it
  // entered in error; the nurse's screen has not caught up.
  const { csrfToken } = await apiSignIn(request, 'doctor');
  const patients = await request.get(`/api/patients/${id}`);
  const sulfa = (
    (await patients.json()) as { allergies: { id: string; substance: string }[] }
  ).allergies.find((a) => a.substance === 'Sulfa drugs')!;
  const marked = await request.patch(`/api/patients/${id}/allergies/${sulfa.id}`, {
    data: { status: 'entered_in_error' },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(marked.status(), await marked.text()).toBe(200);
  await request.post('/api/auth/sign-out', { headers: { 'x-csrf-token': csrfToken } });
  await expect(row(page, 'Sulfa drugs')).toContainText('Active');

  // Her change is refused, and she is told why; the row then shows the entry as it now stands.
  await row(page, 'Sulfa drugs').getByRole('button', { name: 'Mark inactive' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Not changed' });
  await expect(refused).toContainText('can no longer change');
  await expect(row(page, 'Sulfa drugs')).toContainText('Entered in error');
  await expect(row(page, 'Sulfa drugs').getByRole('button')).toHaveCount(0);
  await snap(page, info, '02-changed-elsewhere');
});
