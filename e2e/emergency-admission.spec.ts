import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { demoEmail, signIn, snap, unique } from './support/helpers';
import { newStaffMember } from './support/staff';
import { setUpWard } from './support/wards';
import { expectAccessible } from './support/axe';

// A step that cannot happen fails in half a minute, not at the end of the test's time.
test.use({ actionTimeout: 30_000 });

/** The nurse admits someone not identified yet into `bed` from the bed board, as an emergency. */
async function admitUnidentified(
  browser: Browser,
  request: APIRequestContext,
  info: TestInfo,
  tag: string,
  bed: string,
  callName: string,
  sex: 'Male' | 'Female',
  step: string,
) {
  // A nurse of her own: the demo nurse turns on two-factor sign-in in another journey (on phones).
  const account = await newStaffMember(request, 'nurse', `Nurse ${tag}`);
  const nurse = await (await browser.newContext()).newPage();
  await signIn(nurse, account.email, account.password);
  await nurse.goto('/app/beds');
  const ward = nurse.getByTestId('board-ward').filter({ hasText: `Ward ${tag}` });
  await ward.getByRole('button', { name: `Actions for bed ${bed}` }).click();
  await nurse.getByRole('menuitem', { name: 'Admit a patient' }).click();
  const admitting = nurse.getByRole('dialog', { name: 'Admit a patient' });
  await admitting.locator('label').filter({ hasText: 'Emergency' }).click();
  await admitting.getByLabel('Not identified yet').check();
  await admitting.getByRole('textbox', { name: /^What to call them/ }).fill(callName);
  await admitting.getByRole('combobox', { name: 'Sex' }).selectOption(sex);
  await admitting.getByLabel('Reason for admission').fill('Road traffic accident, unconscious');
  await snap(nurse, info, step);
  await admitting.getByRole('button', { name: 'Admit', exact: true }).click();
  await expect(admitting).toBeHidden();
  const tile = nurse.getByTestId('bed-tile').filter({ hasText: bed });
  await expect(tile).toContainText(callName);
  await expect(tile).toContainText(/CGH-\d{6}/);
  await nurse.context().close();
}

/** The front desk opens the temporary record of whoever lies in `bed`, from the bed board. */
async function openRecordFromBoard(desk: Page, bed: string, callName: string) {
  await desk.goto('/app/beds');
  await desk.getByTestId('bed-tile').filter({ hasText: bed }).getByRole('link', { name: callName }).click();
  await desk.getByRole('link', { name: 'Open the patient’s record' }).click();
  await expect(desk.getByTestId('temporary-record')).toHaveText('Temporary record');
}

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

  await admitUnidentified(browser, request, info, tag, beds[0], callName, 'Male', '01-emergency-admit');

  // The front desk finds the record by the name given, completes it and says it is complete.
  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, demoEmail('receptionist'));
  await openRecordFromBoard(desk, beds[0], callName);
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

// Someone brought in unconscious turns out to be a patient the hospital knows: the front desk
// merges the temporary record into hers, and the bed, the stay and the search show her.
test('a temporary record is merged into the identified patient’s own record', async ({
  browser,
  request,
}, info) => {
  const tag = unique().slice(-5).toUpperCase();
  const { beds, patient } = await setUpWard(request, tag);
  const callName = `Unknown woman ${tag}`;
  await admitUnidentified(browser, request, info, tag, beds[0], callName, 'Female', '03-admit-unidentified');

  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, demoEmail('receptionist'));
  await openRecordFromBoard(desk, beds[0], callName);
  await desk.getByRole('note').getByRole('button', { name: 'Merge into their record' }).click();
  const merging = desk.getByRole('dialog', { name: `Merge ${callName} into a patient’s record` });
  await expect(merging).toContainText('This cannot be undone.');
  await expectAccessible(desk, 'the merge dialog');
  const picker = merging.getByTestId('patient-picker');
  await merging.getByLabel('How were they identified?').fill('Identified by her son; Aadhaar card checked');
  // First the wrong man: a woman's temporary record is not merged into his without a question.
  await picker.fill('Rahul Verma');
  await desk.getByRole('option', { name: /Rahul Verma/ }).click();
  await merging.getByRole('button', { name: 'Merge records' }).click();
  await expect(merging.getByTestId('merge-sex-differs')).toHaveText(
    'The temporary record says female, but Rahul Verma’s record says male. Merge only if you are sure they are the same person.',
  );
  await expect(merging.getByRole('button', { name: 'Merge anyway' })).toBeVisible();
  await snap(desk, info, '04-merge-sex-differs');
  await merging.getByTestId('chosen-patient').getByRole('button', { name: 'Change' }).click();
  await expect(merging.getByTestId('merge-sex-differs')).toHaveCount(0);
  await picker.fill(`Raman ${tag}`);
  await expect(desk.getByRole('option', { name: new RegExp(patient.name) })).toBeVisible();
  await picker.press('ArrowDown');
  await picker.press('Enter');
  await expect(merging.getByTestId('chosen-patient')).toContainText(patient.name);
  await snap(desk, info, '04-merge');
  // Nothing asks for the temporary record once it is merged: each such read would be refused, and
  // every refusal is written to the audit log.
  const refused: string[] = [];
  desk.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
  });
  await merging.getByRole('button', { name: 'Merge records' }).click();
  await expect(desk.getByText(`${callName} merged into ${patient.name}’s record.`)).toBeVisible();
  await expect(desk).toHaveURL(new RegExp(`/app/patients/${patient.id}$`));
  await expect(desk.getByRole('heading', { name: patient.name, level: 1 })).toBeVisible();
  await snap(desk, info, '05-merged');
  expect(refused).toEqual([]);

  // The bed is hers now, and the name she was admitted under is found no more.
  await desk.goto('/app/beds');
  await expect(desk.getByTestId('bed-tile').filter({ hasText: beds[0] })).toContainText(patient.name);
  await desk.goto(`/app/patients?q=${encodeURIComponent(callName)}`);
  await expect(desk.getByText(callName)).toHaveCount(0);
  await desk.context().close();
});
