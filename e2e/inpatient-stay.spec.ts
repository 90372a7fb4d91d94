import { expect, test, type Page } from '@playwright/test';
import { demoEmail, signIn, snap, unique } from './support/helpers';
import { expectNoSidewaysScroll } from './support/layout';
import { newStaffMember } from './support/staff';
import { setUpWard } from './support/wards';
import { expectAccessible } from './support/axe';
import { intranetPage } from './support/intranet';

// An in-patient stay end to end: the doctor admits a patient from a consultation into a bed of the
// ward this run sets up, the nurse moves them to another bed, charts vitals and gives a medicine
// from the ward's store and charges a service from the price list (voiding one charged in error),
// the doctor discharges them with a summary whose PDF holds it, and the stay's bed-day and the
// service land on an invoice the front desk sees. The summary names a procedure and a
// medicine to take home, and its PDF prints them. Each screen size has a ward of its own.

// A step that cannot happen fails in half a minute, not at the end of the test's time.
test.use({ actionTimeout: 30_000 });

/** Picks a bed in the bed picker by its label, typing it as a person would search. */
async function pickBed(dialog: ReturnType<Page['getByRole']>, page: Page, label: string) {
  const picker = dialog.getByRole('combobox', { name: /^(Bed|New bed)/ });
  await picker.fill(label);
  // Chosen with the keyboard: on a phone the list inside a dialog moves as the keyboard opens.
  await expect(page.getByRole('option', { name: new RegExp(`^${label} ·`) })).toBeVisible();
  await picker.press('ArrowDown');
  await picker.press('Enter');
  await expect(picker).toHaveValue(new RegExp(`^${label} ·`));
}

test('an in-patient stay: admitted from a consultation, moved, charted, given a medicine, discharged and billed', async ({
  browser,
  request,
  baseURL,
}, info) => {
  test.slow();
  const tag = unique().slice(-5).toUpperCase();
  const s = await setUpWard(request, tag);

  // 1. The doctor sees the patient, diagnoses pneumonia and admits them from the consultation.
  const doc = await (await browser.newContext()).newPage();
  await signIn(doc, demoEmail('doctor'));
  await doc.goto(`/app/consultations/new?patientId=${s.patient.id}`);
  await expect(doc).toHaveURL(/\/app\/consultations\/[0-9a-f-]{36}$/);
  await doc.getByLabel('Chief complaint').fill('Fever, cough and breathlessness for four days');
  const icd = doc.getByLabel('Find an ICD-10 code');
  await icd.fill('J18.9');
  await expect(doc.getByRole('option', { name: /J18\.9/ })).toBeVisible();
  await icd.press('ArrowDown');
  await icd.press('Enter');
  await expect(doc.getByRole('button', { name: 'Remove J18.9' })).toBeVisible();
  await doc.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(doc.getByText('Consultation saved.')).toBeVisible();
  await doc.getByRole('button', { name: 'Admit', exact: true }).click();
  const admitting = doc.getByRole('dialog', { name: 'Admit a patient' });
  await expect(admitting.getByText('Admitted from this consultation.')).toBeVisible();
  await expectAccessible(doc, 'the admission dialog');
  await pickBed(admitting, doc, s.beds[0]);
  await admitting
    .getByLabel('Reason for admission')
    .fill('Community-acquired pneumonia, needs IV antibiotics');
  await snap(doc, info, '01-admit-from-consultation');
  await admitting.getByRole('button', { name: 'Admit', exact: true }).click();
  await expect(doc.getByText(`${s.patient.name} admitted to bed ${s.beds[0]}.`)).toBeVisible();

  // 2. The nurse finds them on the bed board and moves them to the other bed. The ward's computer
  // reaches Hospitium over the hospital's network by plain HTTP (the dose and charge dialogs once
  // failed there: they made their keys with crypto.randomUUID, which such a page does not have).
  // A nurse of her own: the demo nurse turns on two-factor sign-in in another journey (on phones).
  const account = await newStaffMember(request, 'nurse', `Nurse ${tag}`);
  const nurse = await intranetPage(browser, baseURL);
  await signIn(nurse, account.email, account.password);
  await nurse.goto('/app/beds');
  await expect(nurse.getByRole('heading', { name: 'Bed board', level: 1 })).toBeVisible();
  const tile = nurse.getByTestId('bed-tile').filter({ hasText: s.beds[0] });
  await expect(tile).toContainText(s.patient.name);
  await snap(nurse, info, '02-bed-board');
  await tile.getByRole('link', { name: s.patient.name }).click();
  await expect(nurse).toHaveURL(/\/app\/admissions\/[0-9a-f-]{36}$/);
  const admissionId = new URL(nurse.url()).pathname.split('/').pop()!;
  await nurse.getByRole('button', { name: 'Transfer', exact: true }).click();
  const moving = nurse.getByRole('dialog', { name: `Transfer ${s.patient.name}` });
  await expect(moving).toBeVisible();
  await expectAccessible(nurse, 'the transfer dialog');
  await pickBed(moving, nurse, s.beds[1]);
  await moving.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(nurse.getByText(`${s.patient.name} moved to bed ${s.beds[1]}.`)).toBeVisible();

  // 3. Vitals charted, and a medicine given from the ward's store.
  await nurse.getByRole('button', { name: 'Record vitals' }).click();
  const vitals = nurse.getByRole('dialog', { name: 'Record vitals' });
  await expect(vitals).toBeVisible();
  await expectAccessible(nurse, 'the vitals dialog');
  await vitals.getByLabel('Systolic (mmHg)').fill('132');
  await vitals.getByLabel('Diastolic (mmHg)').fill('84');
  await vitals.getByLabel('Pulse (/min)').fill('102');
  await vitals.getByLabel('Temperature (°C)').fill('38.6');
  await vitals.getByLabel('SpO2 (%)').fill('93');
  await vitals.getByRole('button', { name: 'Save vitals' }).click();
  await expect(nurse.getByText('Vitals recorded.')).toBeVisible();
  // The newest reading first: a table row at a desk, a card on a phone, never scrolled sideways.
  const charted = nurse.getByTestId('ward-vitals').getByTestId('data-row').first();
  await expect(charted).toContainText('102');
  await expect(charted).toContainText('38.6');
  if (info.project.name === 'phone') await expectNoSidewaysScroll(nurse.getByTestId('ward-vitals'));

  await nurse.getByRole('button', { name: 'Record a dose' }).click();
  const dose = nurse.getByRole('dialog', { name: 'Record a dose' });
  await expect(dose).toBeVisible();
  await expectAccessible(nurse, 'the dose dialog');
  await dose.getByLabel('Medicine').fill(s.medicine.name.split(' ')[0]!);
  // The list names a medicine by generic name, strength and brand, its form apart.
  const brand = /\(([^)]+)\)$/.exec(s.medicine.name)?.[1] ?? s.medicine.name.split(' ')[0]!;
  await nurse.getByRole('option').filter({ hasText: brand }).first().click();
  await dose.getByLabel('Dose', { exact: true }).fill('1 tablet');
  await dose.getByRole('button', { name: 'Save' }).click();
  await expect(nurse.getByText('Dose recorded; the units left the ward store.')).toBeVisible();
  const mar = nurse.getByTestId('medication-record');
  await expect(mar).toContainText(s.medicine.name);
  await expect(mar).toContainText(`batch ${s.medicine.batchNumber}`);
  // …and on the stay's running bill, with the bed-day so far.
  await expect(nurse.getByTestId('stay-charges')).toContainText(brand);
  await snap(nurse, info, '03-nursing-record');

  // The nurse charges two nebulisations from the price list, and one in error, which she voids.
  const wardCharges = nurse.getByTestId('ward-charges');
  for (const [quantity, note] of [
    ['2', 'Salbutamol, 6-hourly'],
    ['1', 'Wrong patient'],
  ] as const) {
    await wardCharges.getByRole('button', { name: 'Charge a service' }).click();
    const charging = nurse.getByRole('dialog', { name: 'Charge a service' });
    await expect(charging).toBeVisible();
    await expectAccessible(nurse, 'the ward charge dialog');
    const search = charging.getByRole('textbox', { name: 'Service' });
    await search.fill('nebul');
    // The list first shows the whole price list; the search narrows it to the one service.
    await expect(nurse.getByRole('option')).toHaveCount(1);
    await expect(nurse.getByRole('option', { name: /Nebulisation/ })).toBeVisible();
    await search.press('ArrowDown');
    await search.press('Enter');
    await expect(charging.getByTestId('chosen-service')).toContainText('Nebulisation (NEB)');
    await charging.getByLabel('Quantity').fill(quantity);
    await charging.getByLabel('Note (optional)').fill(note);
    await charging.getByRole('button', { name: 'Charge', exact: true }).click();
    await expect(charging).toBeHidden();
  }
  await expect(wardCharges.getByTestId('data-row')).toHaveCount(2);
  await wardCharges
    .getByTestId('data-row')
    .filter({ hasText: 'Wrong patient' })
    .getByRole('button', { name: 'Void' })
    .click();
  const voiding = nurse.getByRole('dialog', { name: 'Void Nebulisation' });
  await voiding.getByLabel('Why is this charge wrong?').fill('Given to the patient in the next bed');
  await voiding.getByRole('button', { name: 'Void' }).click();
  await expect(nurse.getByText('Charge voided: it will not be billed.')).toBeVisible();
  await expect(wardCharges).toContainText('Given to the patient in the next bed');
  // Only the two given reach the running bill.
  const serviceLine = nurse.getByTestId('stay-charges').getByTestId('service-line');
  await expect(serviceLine).toHaveCount(1);
  await expect(serviceLine).toContainText('Nebulisation');
  await expect(serviceLine.getByRole('cell').nth(1)).toHaveText('2');
  await snap(nurse, info, '03b-ward-charges');

  // 4. The doctor discharges them with the summary; the PDF holds it.
  await doc.goto(`/app/admissions/${admissionId}`);
  await doc.getByRole('button', { name: 'Discharge', exact: true }).click();
  const leaving = doc.getByRole('dialog', { name: `Discharge ${s.patient.name}` });
  await expect(leaving).toBeVisible();
  await expectAccessible(doc, 'the discharge dialog');
  await leaving
    .getByLabel('Course in hospital')
    .fill('Treated with IV antibiotics; fever settled on day two.');
  await leaving.getByRole('combobox', { name: 'Condition on discharge' }).selectOption('Improved');
  await leaving.getByRole('button', { name: 'Add a procedure' }).click();
  await leaving.getByLabel('Procedure 1', { exact: true }).fill('Peripheral IV cannulation');
  // A medicine to take home, from the catalog, with how to take it.
  await leaving.getByRole('button', { name: 'Add a medicine' }).click();
  await leaving.getByLabel('Medicine 1', { exact: true }).fill(s.medicine.name.split(' ')[0]!);
  await doc.getByRole('option').filter({ hasText: brand }).first().click();
  await expect(leaving.getByTestId('take-home-medicine')).toContainText(brand);
  await leaving.getByLabel('Dose', { exact: true }).fill('1 tablet');
  await leaving.getByLabel('Frequency', { exact: true }).fill('three times a day');
  await leaving.getByLabel('Duration', { exact: true }).fill('5 days');
  await leaving.getByLabel('Instructions', { exact: true }).fill('after food');
  await leaving
    .getByRole('textbox', { name: 'Follow-up' })
    .fill('Chest clinic in two weeks with a chest X-ray.');
  await snap(doc, info, '04-discharge');
  await leaving.getByRole('button', { name: 'Discharge', exact: true }).click();
  await expect(doc.getByText(`${s.patient.name} discharged.`)).toBeVisible();
  const pdf = await doc.request.get(`/api/wards/admissions/${admissionId}/discharge-summary.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  const text = (await pdf.body()).toString('latin1');
  expect(text).toContain('IV antibiotics');
  expect(text).toContain('J18.9');
  // The printed lines joined again (a long line wraps at a space onto the next).
  const printed = [...text.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)].map((m) => m[1]).join(' ');
  expect(printed).toContain('Peripheral IV cannulation');
  expect(printed).toContain(`1. ${s.medicine.name.split(' ')[0]!}`);
  expect(printed).toContain('1 tablet, three times a day, 5 days, after food');

  // 5. The stay's bill: one bed-day on a final invoice, which the front desk finds.
  const charges = doc.getByTestId('stay-charges');
  await expect(charges.getByTestId('bed-day-line')).toHaveCount(1);
  await expect(charges.getByTestId('bed-day-line')).toContainText('1 day');
  await snap(doc, info, '05-discharged');
  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, demoEmail('receptionist'));
  await desk.goto(`/app/admissions/${admissionId}`);
  const invoiceLink = desk.getByTestId('stay-invoice');
  await expect(invoiceLink).toBeVisible();
  await invoiceLink.click();
  await expect(desk).toHaveURL(/\/app\/invoices\/[0-9a-f-]{36}$/);
  await expect(desk.getByText(s.patient.name).first()).toBeVisible();
  await expect(desk.getByText(/bed/i).first()).toBeVisible();
  await expect(desk.getByText('Nebulisation').first()).toBeVisible();
  await snap(desk, info, '06-stay-invoice');
  for (const p of [doc, nurse, desk]) await p.context().close();
});
