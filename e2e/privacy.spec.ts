import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { apiSignIn, demoEmail, openNav, signIn, snap, unique } from './support/helpers';
import { expectNoSidewaysScroll, expectNotTruncated } from './support/layout';
import { newPatientAccount } from './support/outpatient';
import { personPage } from './support/procurement';

// Privacy (product §17). A patient of this run's own (the journeys share one app and its demo
// data, and this one ends with her account erased): she grants and withdraws a consent and reads
// the history, downloads everything held about her, and asks for erasure. The front desk sees her
// consent on her record and records one she gave in writing. City General's admin refuses her
// request with a note she then reads; she asks again, the admin erases her data, and she can no
// longer sign in. On a desktop and on a phone.

// A step that cannot happen fails in half a minute, not at the end of the test's time.
test.use({ actionTimeout: 30_000 });

// Her phone is set to New York: her history still reads on her hospital's clock.
test.use({ timezoneId: 'America/New_York' });

/** A time as City General Hospital (in India) says it, as the app writes it in English. */
const inIndia = (iso: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Kolkata' }).format(
    new Date(iso),
  );

/** Nothing on the page is wider than the screen. */
async function fitsTheScreen(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'page wider than the screen').toBeLessThanOrEqual(0);
  await expectNoSidewaysScroll(page.locator('main'));
}

test('a patient decides her consents, downloads her data and asks for erasure; the desk records a consent and the hospital admin refuses, then completes, her request', async ({
  page,
  browser,
  request,
  baseURL,
}, info) => {
  test.setTimeout(240_000);
  const tag = unique().slice(-5).toUpperCase();
  const fullName = `Kavya Menon ${tag}`;
  const person = await newPatientAccount(baseURL!, fullName);
  // Registered at City General by its front desk, so its admin reviews her requests.
  const { csrfToken } = await apiSignIn(request, 'receptionist');
  const registered = await request.post('/api/patients/register-existing', {
    data: { givenName: 'Kavya', familyName: `Menon ${tag}`, email: person.email },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const { patientId } = (await registered.json()) as { patientId: string };
  await request.post('/api/auth/sign-out', { headers: { 'x-csrf-token': csrfToken } });

  // 1. She opens Privacy and your data: every purpose explained, none asked yet.
  await signIn(page, person.email, person.password);
  await openNav(page, 'Privacy and your data');
  await expect(page).toHaveURL(/\/app\/privacy$/);
  await expect(page.getByRole('heading', { name: 'Privacy and your data', level: 1 })).toBeVisible();
  const consents = page.getByTestId('my-consents');
  const research = consents.getByTestId('consent-research');
  for (const purpose of ['treatment', 'record_sharing', 'research', 'contact'])
    await expect(consents.getByTestId(`consent-${purpose}`)).toContainText('Not asked yet');
  await expect(research).toContainText('with your name and everything else that identifies you removed');
  await expect(consents).toContainText('No decision has been recorded yet.');

  // She grants research, then withdraws it: the newest decision stands, both are in the history.
  const [granted] = await Promise.all([
    page.waitForResponse(
      (r) => r.url().endsWith(`/api/patients/${patientId}/consents`) && r.status() === 201,
    ),
    research.getByRole('button', { name: 'Grant consent: Research' }).click(),
  ]);
  await expect(research.getByTestId('consent-decision')).toHaveText('Granted');
  const [withdrawn] = await Promise.all([
    page.waitForResponse(
      (r) => r.url().endsWith(`/api/patients/${patientId}/consents`) && r.status() === 201,
    ),
    research.getByRole('button', { name: 'Withdraw consent: Research' }).click(),
  ]);
  await expect(research.getByTestId('consent-decision')).toHaveText('Withdrawn');
  await expect(research.getByRole('button', { name: 'Grant consent: Research' })).toBeVisible();
  const history = consents.getByTestId('data-row');
  await expect(history).toHaveCount(2);
  // Newest first, on City General's clock (not New York's), given in the portal.
  const [first, second] = [history.nth(0), history.nth(1)];
  await expect(first).toContainText('Withdrawn');
  await expect(first).toContainText(inIndia(((await withdrawn.json()) as { recordedAt: string }).recordedAt));
  await expect(second).toContainText('Granted');
  await expect(second).toContainText(inIndia(((await granted.json()) as { recordedAt: string }).recordedAt));
  for (const row of [first, second]) {
    await expect(row).toContainText('Research');
    await expect(row).toContainText('In the portal');
  }
  await fitsTheScreen(page);
  await expectAccessible(page, 'the patient’s privacy page');
  await snap(page, info, '01-consents');

  // 2. She downloads everything held about her: one JSON file, named by the server, that is hers.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download my data' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^hospitium-export-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as {
    format: string;
    version: number;
    exportedAt: string;
    patientId: string;
    sections: Record<string, unknown[]>;
  };
  expect(exported.format).toBe('hospitium-patient-export');
  expect(exported.version).toBe(1);
  expect(exported.patientId).toBe(patientId);
  expect(Number.isNaN(Date.parse(exported.exportedAt))).toBe(false);
  expect(exported.sections.consents).toHaveLength(2);

  // 3. She asks for erasure: what it does is said first, and she must confirm it.
  const erasure = page.getByTestId('my-erasure');
  await expect(erasure.getByTestId('erasure-effects')).toContainText('Your portal account is closed');
  await expect(erasure.getByTestId('erasure-effects')).toContainText('It cannot be undone.');
  await erasure.getByLabel('Why you are asking (optional)').fill(`Moving abroad ${tag}`);
  await erasure.getByRole('button', { name: 'Ask to erase my data' }).click();
  await expect(erasure.getByText('Tick the box to confirm.')).toBeVisible();
  await erasure.getByLabel(/^I understand that my account will be closed/).check();
  await erasure.getByRole('button', { name: 'Ask to erase my data' }).click();
  await expect(erasure.getByTestId('erasure-pending')).toBeVisible();
  const mine = erasure.getByTestId('my-erasure-request');
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText('Waiting for review');
  await expect(mine).toContainText(`Your reason: Moving abroad ${tag}`);
  await expect(mine.getByRole('button', { name: 'Cancel request' })).toBeVisible();
  await fitsTheScreen(page);
  await snap(page, info, '02-erasure-requested');

  // 4. The front desk sees her decision on her record, and records a consent she gave in writing.
  const desk = await personPage(browser, info, baseURL!);
  await signIn(desk, demoEmail('receptionist'));
  await desk.goto(`/app/patients/${patientId}`);
  await expect(desk.getByRole('heading', { name: fullName, level: 1 })).toBeVisible();
  await desk.getByRole('tab', { name: 'Consents' }).click();
  const panel = desk.getByTestId('consents-panel');
  await expect(panel.getByTestId('consent-research').getByTestId('consent-decision')).toHaveText('Withdrawn');
  await expect(panel.getByTestId('consent-treatment').getByTestId('consent-decision')).toHaveText(
    'Not asked yet',
  );
  await expect(panel.getByTestId('data-row')).toHaveCount(2);
  await panel.getByRole('button', { name: 'Record consent' }).click();
  const dialog = desk.getByRole('dialog', { name: 'Record consent' });
  await expect(dialog).toBeVisible();
  // Nothing chosen: the form says what is missing and sends nothing.
  await dialog.getByRole('button', { name: 'Record', exact: true }).click();
  const purpose = dialog.getByRole('combobox', { name: 'Purpose' });
  await expect(purpose).toHaveAttribute('aria-invalid', 'true');
  await purpose.click();
  await desk.getByRole('option', { name: 'Treatment' }).click();
  await dialog.getByRole('radio', { name: 'Granted' }).check();
  await dialog.getByRole('radio', { name: 'In writing' }).check();
  await dialog.getByLabel('Note').fill(`Form signed at the desk ${tag}`);
  await expectAccessible(desk, 'the record-consent dialog');
  await snap(desk, info, '03-desk-records-consent');
  await dialog.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId('consent-treatment').getByTestId('consent-decision')).toHaveText('Granted');
  const written = panel.getByTestId('data-row').first();
  await expect(panel.getByTestId('data-row')).toHaveCount(3);
  await expect(written).toContainText('Treatment');
  await expect(written).toContainText('In writing');
  await expect(written).toContainText('City General Hospital');
  await expect(written).toContainText(`Note: Form signed at the desk ${tag}`);
  await fitsTheScreen(desk);
  await expectAccessible(desk, 'the consents panel');
  await snap(desk, info, '04-desk-consents');
  await desk.context().close();

  // 5. City General's admin refuses her request, saying why.
  const admin = await personPage(browser, info, baseURL!);
  await signIn(admin, demoEmail('cgh.admin'));
  await openNav(admin, 'Erasure requests');
  await expect(admin).toHaveURL(/\/app\/erasure-requests$/);
  await expect(admin.getByRole('heading', { name: 'Erasure requests', level: 1 })).toBeVisible();
  const row = admin.getByTestId('data-row').filter({ hasText: fullName });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Waiting for review');
  await fitsTheScreen(admin);
  await expectAccessible(admin, 'the erasure requests list');
  await snap(admin, info, '05-admin-requests');
  await row.getByRole('button', { name: `Review the request of ${fullName}` }).click();
  await expect(admin.getByRole('dialog', { name: `Erasure request: ${fullName}` })).toBeVisible();
  // (Erased, the record no longer carries her name, nor the dialog's title: found by its role.)
  const review = admin.getByRole('dialog');
  await expect(review.getByTestId('erasure-facts')).toContainText(`Moving abroad ${tag}`);
  await expect(review.getByTestId('erasure-facts')).toContainText(/MRN\s*CGH-/);
  await review.getByRole('button', { name: 'Refuse' }).click();
  // A refusal without a note is refused in turn: the patient must read why.
  await review.getByRole('button', { name: 'Refuse the request' }).click();
  await expect(review.getByLabel('Why the request is refused')).toHaveAttribute('aria-invalid', 'true');
  const note = `We keep your record while your insurance claim ${tag} is open.`;
  await review.getByLabel('Why the request is refused').fill(note);
  await review.getByRole('button', { name: 'Refuse the request' }).click();
  await expect(review.getByTestId('erasure-facts')).toContainText('Refused');
  await expect(review.getByTestId('erasure-facts')).toContainText(note);
  await review.getByRole('button', { name: 'Close' }).click();

  // 6. She reads the hospital's note, and asks again.
  await page.reload();
  await expect(mine).toContainText('Refused');
  await expect(mine.getByTestId('erasure-decision-note')).toContainText(note);
  await expect(erasure.getByTestId('erasure-pending')).toHaveCount(0);
  await snap(page, info, '06-refused');
  await erasure.getByLabel(/^I understand that my account will be closed/).check();
  await erasure.getByRole('button', { name: 'Ask to erase my data' }).click();
  await expect(erasure.getByTestId('erasure-pending')).toBeVisible();
  await expect(mine).toHaveCount(2);

  // 7. The admin completes it: only once the confirming word is typed, naming her on the button.
  await admin.reload();
  await expect(row).toContainText('Waiting for review');
  await row.getByRole('button', { name: `Review the request of ${fullName}` }).click();
  await review.getByRole('button', { name: 'Erase data' }).click();
  const erase = review.getByRole('button', { name: `Erase the data of ${fullName}` });
  await expect(erase).toBeDisabled();
  await review.getByLabel('To confirm, type ERASE').fill('ERAS');
  await expect(erase).toBeDisabled();
  await review.getByLabel('To confirm, type ERASE').fill('ERASE');
  // Her whole name on the button, at every width.
  await expectNotTruncated(erase);
  await expectAccessible(admin, 'the erasure confirmation');
  await snap(admin, info, '07-admin-confirms');
  await erase.click();
  const counts = review.getByTestId('erased-counts');
  await expect(counts).toBeVisible();
  await expect(counts).toContainText('Portal account closed: 1');
  await expect(review.getByTestId('erasure-facts')).toContainText('Erased');
  // The record is kept, no longer naming her.
  await expect(review.getByTestId('erasure-facts')).not.toContainText(fullName);
  await fitsTheScreen(admin);
  await snap(admin, info, '08-admin-erased');
  await admin.context().close();

  // 8. Her account is closed: her open page goes to sign-in, and her password no longer works.
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(person.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/^Password/).fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('The email address or the password is not right.')).toBeVisible();
  await expect(page).not.toHaveURL(/\/app/);
});

// Someone who signed up and never visited a hospital: nothing about her is kept by law, so her
// request is carried out at once, and the page she asked on takes her out of the app.
test('a patient registered at no hospital is erased as soon as she asks, and signed out', async ({
  page,
  baseURL,
}, info) => {
  const person = await newPatientAccount(baseURL!, `Ira Pillai ${unique().slice(-5).toUpperCase()}`);
  await signIn(page, person.email, person.password);
  await openNav(page, 'Privacy and your data');
  const erasure = page.getByTestId('my-erasure');
  await erasure.getByLabel(/^I understand that my account will be closed/).check();
  await erasure.getByRole('button', { name: 'Ask to erase my data' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText('Your data was erased and your account is closed.')).toBeVisible();
  await snap(page, info, '09-erased-at-once');
  await page.getByLabel('Email address').fill(person.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/^Password/).fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('The email address or the password is not right.')).toBeVisible();
});
