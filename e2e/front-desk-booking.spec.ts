import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { openNav, registerPatientThroughApi, signIn, snap, unique } from './support/helpers';
import { localClock, newBookableDoctor } from './support/outpatient';
import { newStaffMember } from './support/staff';

/** A patient of City General registered through the API by its front desk, named for this run. */
async function registerPatient(request: APIRequestContext, givenName: string) {
  const familyName = `Deshpande ${unique()}`;
  const { id, mrn } = await registerPatientThroughApi(request, 'receptionist', {
    givenName,
    familyName,
    dateOfBirth: '1984-03-09',
    sex: 'female',
  });
  return { id, name: `${givenName} ${familyName}`, mrn };
}

/**
 * The time the slot picker shows last on its last day: the doctor's last free slot in the picker's
 * two weeks from today, read from the API as the page reads it.
 */
async function lastSlotOfWindow(page: Page, doctor: { doctorId: string; timeZone: string }) {
  const from = localClock(doctor.timeZone).date;
  const to = localClock(doctor.timeZone, new Date(Date.now() + 13 * 86_400_000)).date;
  const res = await page.request.get(`/api/doctors/${doctor.doctorId}/slots`, { params: { from, to } });
  expect(res.status(), await res.text()).toBe(200);
  const { slots } = (await res.json()) as { slots: { startsAt: string }[] };
  return slots.at(-1)!.startsAt;
}

/** Chooses the doctor in the searchable list of doctors in `scope`, by typing the name. */
async function chooseDoctor(page: Page, scope: Page | Locator, fullName: string) {
  const list = scope.getByRole('combobox', { name: /^Doctor/ });
  await list.click();
  await list.fill(fullName);
  await page.getByRole('option', { name: new RegExp(`^${fullName}`) }).click();
}

test('the receptionist books a registered patient for a doctor, and adds a walk-in to a doctor’s queue', async ({
  page,
  request,
  baseURL,
}, info) => {
  // Three people set up through the API, then two forms: about a minute on a loaded machine.
  test.setTimeout(180_000);
  const tag = unique();
  const booked = await registerPatient(request, 'Meera');
  const walkIn = await registerPatient(request, 'Lata');
  const other = await registerPatient(request, 'Rekha');
  const receptionist = await newStaffMember(request, 'receptionist', `Asha Verma ${tag}`);
  const doctor = await newBookableDoctor(request, baseURL!, `Imran Qureshi ${tag}`);
  await signIn(page, receptionist.email, receptionist.password);

  // 1. Book for a patient: someone not registered here is not found, and the desk is offered to
  //    register them.
  await openNav(page, 'Book appointment');
  await expect(page.getByRole('heading', { name: 'Book for a patient', level: 1 })).toBeVisible();
  const find = page.getByLabel('Find the patient');
  await find.fill('Quixotic Xylophone');
  await expect(page.getByText('No patient registered here matches.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Register a new patient' })).toHaveCount(2);

  // The patient is found by name, chosen, changed, and chosen again.
  await find.fill(booked.name);
  const result = page.getByTestId('patient-result').filter({ hasText: booked.name });
  await expect(result).toContainText(booked.mrn);
  await result.click();
  const chosen = page.getByTestId('chosen-patient');
  await expect(chosen).toContainText(booked.name);
  await expect(chosen).toContainText(booked.mrn);
  await chosen.getByRole('button', { name: 'Change patient' }).click();
  await expect(chosen).toHaveCount(0);
  await page.getByLabel('Find the patient').fill(booked.mrn);
  await page.getByTestId('patient-result').filter({ hasText: booked.name }).click();
  await expect(chosen).toContainText(booked.name);

  // 2. The doctor and a time: the last day shown, the same weekday next week, whose hours are
  //    whole (today's may be down to one time late in the evening, or none), and its last time.
  await chooseDoctor(page, page, doctor.fullName);
  const lastDay = page.getByRole('group', { name: 'Choose a day' }).getByRole('button').last();
  await lastDay.click();
  await expect(lastDay).toHaveAttribute('aria-pressed', 'true');
  const slots = page.getByRole('group', { name: 'Choose a time' }).getByTestId('slot');
  await slots.last().click();
  const confirm = page.getByTestId('confirm-booking');
  await expect(confirm).toContainText(`${booked.name} (${booked.mrn})`);

  // Someone else books that time first (another desk, through the API): the desk is told, and
  // the choice is dropped for another.
  const { csrfToken } = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  const taken = await page.request.post('/api/appointments', {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      idempotencyKey: crypto.randomUUID(),
      doctorId: doctor.doctorId,
      startsAt: await lastSlotOfWindow(page, doctor),
      patientId: other.id,
    },
  });
  expect(taken.status(), await taken.text()).toBe(201);
  await confirm.getByRole('button', { name: 'Book this time' }).click();
  // The only alert on the page (the note of the hospital's time zone is a note, not an alert).
  await expect(page.getByRole('alert')).toHaveText(
    'Someone else has just booked this time. Choose another slot.',
  );
  await expect(confirm).toHaveCount(0);
  await expect(lastDay).toHaveAttribute('aria-pressed', 'true');
  await snap(page, info, '01-slot-taken');

  const slot = slots.nth(-2);
  const time = (await slot.innerText()).trim();
  await slot.click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await confirm.getByLabel('Reason for the visit').fill('Follow-up of blood pressure');
  await snap(page, info, '02-book-for-patient');
  await confirm.getByRole('button', { name: 'Book this time' }).click();
  await expect(page.getByRole('heading', { name: 'Appointment booked', level: 1 })).toBeVisible();
  await expect(page.getByTestId('booked')).toContainText(time);
  await expect(page.getByTestId('booked')).toContainText(doctor.fullName);
  await snap(page, info, '03-booked');

  // 3. A walk-in: the second patient joins the doctor's queue now, with the next token.
  await page.getByRole('link', { name: 'Today at the front desk' }).click();
  await page.getByRole('button', { name: 'Walk-in' }).click();
  const dialog = page.getByRole('dialog', { name: 'A patient without an appointment' });
  await dialog.getByLabel('Patient').fill(walkIn.name);
  await dialog.getByTestId('walk-in-patient-result').filter({ hasText: walkIn.name }).click();
  await expect(dialog.getByTestId('walk-in-patient')).toContainText(walkIn.mrn);
  await expect(dialog.getByRole('button', { name: 'Add to the queue' })).toBeDisabled();
  await chooseDoctor(page, dialog, doctor.fullName);
  await dialog.getByLabel('Reason (optional)').fill('Dizzy since the morning');
  await snap(page, info, '04-walk-in');
  await dialog.getByRole('button', { name: 'Add to the queue' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(
    page.getByText(new RegExp(`^${walkIn.name} joins the queue of ${doctor.fullName}: token \\d+\\.$`)),
  ).toBeVisible();
});
