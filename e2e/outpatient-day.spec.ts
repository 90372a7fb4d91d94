import { expect, test, type Page } from '@playwright/test';
import { openNav, signIn, snap, unique } from './support/helpers';
import { localClock, newBookableDoctor, newPatientAccount } from './support/outpatient';
import { personPage } from './support/procurement';
import { newStaffMember } from './support/staff';
import { expectAccessible } from './support/axe';

// Paracetamol 500 mg tablets, which City General's pharmacy has in stock in the demo data
// (server/db/seed/demo-stock.ts: neither short nor expiring); the other journeys only read its stock.
const MEDICINE = 'Crocin Advance';

test('an outpatient day: booked, checked in, called on the queue screen, seen, prescribed, dispensed and billed', async ({
  page,
  browser,
  request,
  baseURL,
}, info) => {
  // A whole day of five people, each signing in; the phone project runs beside the desktop one. On
  // a two-core machine each project takes a little over a minute; four leave room for a slower one.
  test.setTimeout(240_000);
  const tag = unique();
  // Everyone the journey changes is its own: both projects run it at once on one server.
  // The staff first: applyAsDoctor leaves `request` signed in as the applicant, where
  // newStaffMember needs it signed out.
  const receptionist = await newStaffMember(request, 'receptionist', `Suresh Pillai ${tag}`);
  const pharmacist = await newStaffMember(request, 'pharmacist', `Farida Khan ${tag}`);
  const doctor = await newBookableDoctor(request, baseURL!, `Nandini Rao ${tag}`);
  // Still needed: consulting hours cannot run past midnight (a time of day is 23:59 at most and hours
  // end after they start) and slots are five minutes at least, so the doctor's last slot of today
  // starts at 23:50, and the journey books the second slot still to come (the first may start within
  // seconds). Once the patient reaches the slots after 23:45 no second slot of today is left, and an
  // appointment of tomorrow cannot be checked in today. The slots are read a minute or so after this
  // check (less here, more on a busy machine), hence 23:43. Nothing the journey could set up changes
  // that, so in those minutes of the hospital's day it waits for another run rather than fail.
  test.skip(
    localClock(doctor.timeZone).minutes >= 23 * 60 + 43,
    `past 23:43 in ${doctor.timeZone}: no second slot of today would be left to book and check in`,
  );
  const patient = await newPatientAccount(baseURL!, `Kavya Menon-${tag}`);

  // 1. The patient books the doctor's first free time of today that is still minutes away.
  await signIn(page, patient.email, patient.password);
  await openNav(page, 'Book an appointment');
  await expect(page.getByRole('heading', { name: 'Book an appointment', level: 1 })).toBeVisible();
  await page.getByRole('combobox', { name: 'Hospital' }).click();
  await page.getByRole('option', { name: /^City General Hospital/ }).click();
  await page.getByLabel('Doctor or specialty').fill(doctor.fullName);
  await page.getByRole('button', { name: `Choose ${doctor.fullName}` }).click();
  const slots = page.getByRole('group', { name: 'Choose a time' }).getByTestId('slot');
  // The first day shown is today at the hospital; the second slot is at least five minutes away,
  // so it is still free of the past when the booking arrives.
  await expect(slots.nth(1)).toBeVisible();
  const time = (await slots.nth(1).innerText()).trim();
  await slots.nth(1).click();
  await expect(slots.nth(1)).toHaveAttribute('aria-pressed', 'true');
  const confirm = page.getByTestId('confirm-booking');
  await expect(confirm).toContainText(`With ${doctor.fullName} at City General Hospital`);
  await confirm.getByLabel('Reason for the visit').fill('Fever and a sore throat');
  await snap(page, info, '01-book');
  await confirm.getByRole('button', { name: 'Book this time' }).click();

  await expect(page.getByRole('heading', { name: 'Appointment booked', level: 1 })).toBeVisible();
  const booked = page.getByTestId('booked');
  await expect(booked).toContainText(time);
  await expect(booked).toContainText(`With ${doctor.fullName} at City General Hospital`);
  await snap(page, info, '02-booked');
  await booked.getByRole('link', { name: 'My appointments' }).click();
  const mine = page.getByTestId('my-appointment').filter({ hasText: doctor.fullName });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText(time);
  await expect(mine).toContainText('Booked');

  // The confirmation reaches the patient's notifications (delivered by a background job).
  const bell = page.getByRole('button', { name: /^Notifications: \d+ unread$/ });
  await expect(async () => {
    await page.reload();
    await expect(bell).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await snap(page, info, '03-my-appointments');
  await bell.click();
  await expect(page.getByText('Appointment booked', { exact: true }).first()).toBeVisible();
  await expect(
    page.getByText(`Your appointment with ${doctor.fullName} at City General Hospital is booked for`).first(),
  ).toBeVisible();
  await snap(page, info, '04-notice');
  await page.keyboard.press('Escape');

  // 2. The front desk checks the patient in; the patient gets the next token of the doctor's queue.
  const desk = await personPage(browser, info, baseURL!);
  await signIn(desk, receptionist.email, receptionist.password);
  await openNav(desk, 'Front desk');
  await expect(desk.getByRole('heading', { name: 'Today at the front desk', level: 1 })).toBeVisible();
  const row = desk
    .getByTestId('front-desk-doctor')
    .filter({ hasText: doctor.fullName })
    .getByTestId('front-desk-appointment')
    .filter({ hasText: patient.fullName });
  await expect(row).toContainText(time);
  await row.getByRole('button', { name: 'Check in' }).click();
  await expect(
    desk.getByText(new RegExp(`^${patient.fullName} is checked in: token \\d+\\.$`)),
  ).toBeVisible();
  await expect(row.getByTestId('token')).toHaveText(/^Token \d+$/);
  const token = (await row.getByTestId('token').innerText()).replace(/\D/g, '');
  await expect(row).toContainText('Checked in');
  await expect(row.getByRole('button', { name: 'Check in' })).toHaveCount(0);
  await snap(desk, info, '05-front-desk');

  // 3. The waiting room's screen: the doctor's queue with the token waiting, initials only.
  const screen = await personPage(browser, info, baseURL!);
  await screen.goto(`/queue/${doctor.hospitalCode}`);
  const board = screen.getByTestId('queue-doctor').filter({ hasText: doctor.fullName });
  await expect(board.getByTestId('queue-current')).toHaveText('—');
  await expect(board.getByTestId('queue-next')).toHaveCount(1);
  await expect(board.getByTestId('queue-next')).toHaveText(new RegExp(`^${token}\\s*K\\. M\\.$`));
  const everything = screen.getByTestId('queue-screen');
  await expect(everything).not.toContainText('Kavya');
  await expect(everything).not.toContainText(`Menon-${tag}`);
  await snap(screen, info, '06-queue-screen-waiting');
  // Marks this very document: a reload would lose the mark.
  await screen.evaluate(() => {
    (window as unknown as { notReloaded?: boolean }).notReloaded = true;
  });

  // 4. The doctor calls the next patient; the screen shows the token now seen, live.
  const doc = await personPage(browser, info, baseURL!);
  await signIn(doc, doctor.email, doctor.password);
  await openNav(doc, 'My day');
  await expect(doc.getByRole('heading', { name: 'My day', level: 1 })).toBeVisible();
  const withYou = doc.getByTestId('with-you-now');
  await expect(withYou).toContainText('1 waiting');
  await expect(doc.getByTestId('my-day-appointment').filter({ hasText: patient.fullName })).toContainText(
    `#${token}`,
  );
  await snap(doc, info, '07-my-day');
  await doc.getByRole('button', { name: 'Call next patient' }).click();
  await expect(doc.getByText(`Token ${token}: ${patient.fullName}, please come in.`)).toBeVisible();
  await expect(withYou).toContainText(patient.fullName);
  await expect(withYou).toContainText('0 waiting');

  await expect(board.getByTestId('queue-current')).toHaveText(token, { timeout: 10_000 });
  await expect(board).toContainText('K. M.');
  await expect(board.getByTestId('queue-next')).toHaveCount(0);
  await expect(board).toContainText('No one waiting');
  expect(await screen.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
    true,
  );
  await expect(everything).not.toContainText('Kavya');
  await snap(screen, info, '08-queue-screen-called');

  // 5. The consultation: vitals (BMI worked out), complaint, an ICD-10 diagnosis, a prescription.
  await withYou.getByRole('link', { name: 'Open consultation' }).click();
  await expect(doc).toHaveURL(/\/app\/consultations\/[0-9a-f-]{36}$/);
  const consultationId = new URL(doc.url()).pathname.split('/').pop()!;
  await expect(
    doc.getByRole('heading', { name: `Consultation: ${patient.fullName}`, level: 1 }),
  ).toBeVisible();
  await expect(doc.getByText('No active allergies recorded.')).toBeVisible();
  await doc.getByLabel('Systolic (mmHg)').fill('124');
  await doc.getByLabel('Diastolic (mmHg)').fill('82');
  await doc.getByLabel('Pulse (/min)').fill('88');
  await doc.getByLabel('Temperature (°C)').fill('38.4');
  await doc.getByLabel('SpO2 (%)').fill('98');
  await doc.getByLabel('Weight (kg)').fill('70');
  await doc.getByLabel('Height (cm)').fill('175');
  await expect(doc.getByTestId('bmi')).toHaveText('22.9');
  await doc.getByLabel('Chief complaint').fill('Fever and a sore throat for two days');
  // Chosen with the keyboard, as a doctor typing would: the list may open above the field, and
  // scrolling to click in it hides it (Mantine hides a dropdown whose field leaves the view).
  const icd = doc.getByLabel('Find an ICD-10 code');
  await icd.fill('J06.9');
  await expect(doc.getByRole('option', { name: /J06\.9/ })).toBeVisible();
  await icd.press('ArrowDown');
  await icd.press('Enter');
  // The chosen code joins the diagnoses, with its title; the list has closed.
  await expect(doc.getByText(/^J06\.9\s+Acute upper respiratory infection, unspecified$/)).toBeVisible();
  await expect(doc.getByRole('button', { name: 'Remove J06.9' })).toBeVisible();
  await doc.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(doc.getByText('Consultation saved.')).toBeVisible();

  await doc.getByLabel('Add a medicine').fill(MEDICINE);
  await doc.getByRole('option').filter({ hasText: MEDICINE }).first().click();
  const line = doc.getByTestId('rx-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(MEDICINE);
  await expect(line).toContainText(/In stock: [\d,]+ · at the pharmacy: [\d,]+/);
  // One tablet twice a day for five days.
  await expect(line.getByTestId('computed-quantity')).toHaveText('Quantity worked out: 10 tablets');
  await line.getByLabel('Instructions').fill('after food');
  // The prescription is saved with the consultation as it is written: opened afresh with nothing
  // kept in the browser (another computer), the page brings the line back, stock and instructions.
  await expect(doc.getByText('Prescription saved with the consultation.')).toBeVisible();
  await doc.evaluate(() => localStorage.clear());
  await doc.reload();
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(MEDICINE);
  await expect(line.getByLabel('Instructions')).toHaveValue('after food');
  await expect(line).toContainText(/In stock: [\d,]+ · at the pharmacy: [\d,]+/);
  await expect(line.getByTestId('computed-quantity')).toHaveText('Quantity worked out: 10 tablets');
  await doc.getByRole('button', { name: 'Check prescription' }).click();
  await expect(doc.getByText('Checked: 1 lines.')).toBeVisible();
  await snap(doc, info, '09-consultation');

  await doc.getByRole('button', { name: 'Close consultation' }).click();
  const closing = doc.getByRole('dialog', { name: 'Close this consultation?' });
  await expect(closing).toBeVisible();
  await expectAccessible(doc, 'the closing confirmation');
  await closing.getByRole('button', { name: 'Close consultation' }).click();
  await expect(doc.getByText('Consultation closed.')).toBeVisible();
  await expect(doc.getByText(/^Closed /)).toBeVisible();
  const pdfButton = doc.getByRole('button', { name: 'Prescription PDF' });
  await expect(pdfButton).toBeVisible();
  await snap(doc, info, '10-consultation-closed');
  // The button's file, fetched with the doctor's own session: a real PDF.
  const pdf = await doc.request.get(`/api/consultations/${consultationId}/prescription.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  // And the button opens it in a new tab.
  const tab = doc.context().waitForEvent('page');
  await pdfButton.click();
  await (await tab).close();

  // The doctor's day: the patient is seen.
  await openNav(doc, 'My day');
  await expect(doc.getByTestId('my-day-appointment').filter({ hasText: patient.fullName })).toContainText(
    'Completed',
  );

  // 6. The pharmacy: the prescription waits in its queue; dispensed from the batches expiring first.
  const pharmacy = await personPage(browser, info, baseURL!);
  await signIn(pharmacy, pharmacist.email, pharmacist.password);
  await openNav(pharmacy, 'Prescriptions');
  await expect(pharmacy.getByRole('heading', { name: 'Prescriptions', level: 1 })).toBeVisible();
  const waiting = pharmacy.getByTestId('data-row').filter({ hasText: patient.fullName });
  await expect(waiting).toContainText('To dispense');
  await expect(waiting).toContainText(doctor.fullName);
  await snap(pharmacy, info, '11-pharmacy-queue');
  await waiting.getByRole('link', { name: patient.fullName }).click();
  await expect(
    pharmacy.getByRole('heading', { name: `Prescription for ${patient.fullName}`, level: 1 }),
  ).toBeVisible();
  await expect(pharmacy.getByText('From a consultation')).toBeVisible();
  await expect(pharmacy.getByLabel(new RegExp(`^Quantity of .*${MEDICINE}.* to dispense$`))).toHaveValue(
    '10',
  );
  await pharmacy.getByRole('button', { name: 'Dispense', exact: true }).click();
  await expect(pharmacy.getByText('Dispensed. Pick the batches shown.')).toBeVisible();
  const picks = pharmacy.getByTestId('dispensed').getByTestId('pick');
  await expect(picks.first()).toBeVisible();
  await expect(pharmacy.getByRole('button', { name: 'Dispense', exact: true })).toHaveCount(0);
  await snap(pharmacy, info, '12-dispensed');
  // The medicines are billed as they leave the shelf; the pharmacist takes the payment there (UPI).
  const rxBill = pharmacy.getByTestId('pharmacy-bill');
  await expect(rxBill).toContainText(/^Bill INV-\d{4}-\d{5}: .+ to pay/);
  const rxBillNumber = /INV-\d{4}-\d{5}/.exec(await rxBill.innerText())![0];
  await rxBill.getByRole('link', { name: 'Take payment' }).click();
  await expect(pharmacy.getByRole('heading', { name: `Invoice ${rxBillNumber}`, level: 1 })).toBeVisible();
  await expect(pharmacy.getByText(MEDICINE).first()).toBeVisible();
  await payInvoice(pharmacy, rxBillNumber, { method: 'UPI', reference: `UPI-${tag}` });
  await snap(pharmacy, info, '12b-pharmacy-bill-paid');
  await openNav(pharmacy, 'Prescriptions');
  // The queue's filter: a segmented control on a desktop, a select on a phone.
  if ((pharmacy.viewportSize()?.width ?? 1024) < 768) {
    await pharmacy.getByRole('combobox', { name: 'Show prescriptions' }).click();
    await pharmacy.getByRole('option', { name: 'Dispensed', exact: true }).click();
  } else {
    await pharmacy
      .getByTestId('status-filter')
      .locator('label')
      .filter({ hasText: /^Dispensed$/ })
      .click();
  }
  await expect(pharmacy.getByTestId('data-row').filter({ hasText: patient.fullName })).toContainText(
    'Dispensed',
  );

  // The patient sees the visit among their own.
  await openNav(page, 'My visits');
  await expect(page.getByText(doctor.fullName).first()).toBeVisible();
  await snap(page, info, '13-my-visits');

  // 7. The front desk bills the consultation: the draft the closing left, finalised and paid in cash.
  await openNav(desk, 'Invoices');
  await expect(desk.getByRole('heading', { name: 'Invoices', level: 1 })).toBeVisible();
  await desk.getByTestId('invoice-search').fill(patient.fullName);
  const draftRow = desk
    .getByTestId('data-row')
    .filter({ hasText: patient.fullName })
    .filter({ hasText: 'Consultation' });
  await expect(draftRow).toHaveCount(1);
  await expect(draftRow).toContainText('Draft');
  await draftRow.getByRole('link').first().click();
  await expect(desk.getByRole('heading', { name: 'Draft invoice', level: 1 })).toBeVisible();
  await expect(desk.getByText(`Consultation - Dr ${doctor.fullName}`).first()).toBeVisible();
  const total = desk.getByTestId('invoice-total');
  await expect(total).toHaveText(/₹[\d,]+\.\d{2}/);
  const totalText = (await total.innerText()).trim();
  await desk.getByRole('button', { name: 'Finalise', exact: true }).click();
  const finalising = desk.getByRole('dialog', { name: 'Finalise this bill?' });
  await finalising.getByRole('button', { name: 'Finalise bill' }).click();
  const invoiceHeading = desk.getByRole('heading', { name: /^Invoice INV-\d{4}-\d{5}$/, level: 1 });
  await expect(invoiceHeading).toBeVisible();
  const number = (await invoiceHeading.innerText()).replace('Invoice ', '').trim();
  const invoiceId = new URL(desk.url()).pathname.split('/').pop()!;
  const owed = Number(totalText.replace(/[^\d.]/g, ''));
  const tendered = Math.ceil((owed + 1) / 500) * 500;
  await payInvoice(desk, number, { method: 'Cash', tendered, change: tendered - owed });
  await expect(desk.getByTestId('invoice-balance')).toHaveText('₹0.00');
  await snap(desk, info, '14-invoice-paid');

  // The invoice's PDF, as the button fetches it: the hospital's tax invoice, the patient, the fee in
  // words, paid in full.
  const invoiceTab = desk.context().waitForEvent('page');
  await desk.getByRole('button', { name: 'Download PDF' }).click();
  await (await invoiceTab).close();
  const invoicePdf = await desk.request.get(`/api/billing/invoices/${invoiceId}/pdf`);
  expect(invoicePdf.status()).toBe(200);
  expect(invoicePdf.headers()['content-type']).toContain('application/pdf');
  const text = (await invoicePdf.body()).toString('latin1');
  expect(text.startsWith('%PDF-')).toBe(true);
  for (const words of [
    'TAX INVOICE',
    'City General Hospital',
    number,
    patient.fullName,
    doctor.fullName,
    `INR ${owed.toFixed(2)}`,
  ]) {
    expect(text, words).toContain(words);
  }
  expect(text).toMatch(/Rupees [A-Za-z ]+ Only/);
  expect(text).toMatch(/Balance due\)[^(]*\(INR 0\.00/);

  // 8. The patient's bills: both paid, the consultation's PDF theirs to download.
  await openNav(page, 'My bills');
  const myBills = page.getByTestId('data-row');
  await expect(myBills.filter({ hasText: number })).toContainText('Paid');
  await expect(myBills.filter({ hasText: rxBillNumber })).toContainText('Paid');
  await snap(page, info, '15-my-bills');
  await myBills.filter({ hasText: number }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: new RegExp(number), level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download PDF' })).toBeVisible();
  await snap(page, info, '16-my-bill');

  // The same bill on a phone set to New York: the receipt's time reads on the hospital's clock.
  const billUrl = new URL(page.url()).pathname;
  const own = (await (await page.request.get(`/api/billing/mine/${billUrl.split('/').pop()}`)).json()) as {
    timeZone: string;
    payments: { number: string; receivedAt: string }[];
  };
  expect(own.timeZone).toBe(doctor.timeZone);
  expect(own.timeZone, 'the check needs a hospital away from New York').not.toBe('America/New_York');
  const receipt = own.payments[0]!;
  const onHospitalClock = new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: own.timeZone,
  }).format(new Date(receipt.receivedAt));
  const abroad = await personPage(browser, info, baseURL!, { timezoneId: 'America/New_York' });
  await signIn(abroad, patient.email, patient.password);
  await abroad.goto(billUrl);
  await expect(abroad.getByTestId('bill-payments')).toContainText(`${receipt.number} · ${onHospitalClock}`);
  await abroad.context().close();
});

/** Records a payment on the invoice open on the page, through its dialog; for cash, checks the change. */
async function payInvoice(
  who: Page,
  number: string,
  p: { method: 'Cash'; tendered: number; change: number } | { method: 'UPI'; reference: string },
) {
  await who.getByRole('button', { name: 'Record payment' }).click();
  const dialog = who.getByRole('dialog', { name: `Payment for ${number}` });
  await expect(dialog).toBeVisible();
  await expectAccessible(who, 'the payment dialog');
  await dialog.getByRole('radio', { name: p.method }).check();
  if (p.method === 'Cash') {
    await dialog.getByLabel('Amount tendered').fill(String(p.tendered));
    await expect(dialog.getByTestId('change-to-give')).toContainText(`₹${p.change.toFixed(2)}`);
  } else {
    await dialog.getByLabel('Reference').fill(p.reference);
  }
  await dialog.getByRole('button', { name: 'Confirm payment' }).click();
  await expect(who.getByTestId('payment-done')).toBeVisible();
  if (p.method === 'Cash')
    await expect(who.getByTestId('payment-change')).toContainText(`₹${p.change.toFixed(2)}`);
  await who.getByRole('button', { name: 'Done' }).click();
  await expect(who.getByTestId('invoice-paid')).toBeVisible();
}
