import { expect, test, type APIRequestContext } from '@playwright/test';
import fs from 'node:fs';
import { apiSignIn, demoEmail, openNav, signIn, snap, unique } from './support/helpers';
import { newPatientAccount } from './support/outpatient';
import { setUpWard } from './support/wards';

// The patient's own stays in hospital: the demo patient opens My stays, sees their discharged stay
// (hospital, ward and bed, attending doctor) and downloads its discharge summary, a PDF; and a bed
// the front desk holds for them shows there, where and until when, until it is cancelled.

// A step that cannot happen fails in half a minute, not at the end of the test's time.
test.use({ actionTimeout: 30_000 });

test('the patient finds their stay in hospital and downloads its discharge summary', async ({
  page,
}, info) => {
  await signIn(page, demoEmail('patient'));
  await openNav(page, 'My stays');
  await expect(page).toHaveURL(/\/app\/my-stays$/);
  await expect(page.getByRole('heading', { name: 'My stays', level: 1 })).toBeVisible();

  // The demo patient was in General Ward A with dengue fever, and went home.
  const stay = page.getByTestId('my-stay').filter({ hasText: 'Dengue fever' });
  await expect(stay).toHaveCount(1);
  await expect(stay).toContainText('City General Hospital');
  await expect(stay).toContainText('General Ward A, bed A-2');
  await expect(stay).toContainText('Discharged');
  await expect(stay).toContainText(/Attending doctor: Dr /);
  await snap(page, info, '01-my-stays');

  // Nothing on the page is wider than a phone's screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  const [response, download] = await Promise.all([
    page.waitForResponse((r) =>
      /\/api\/wards\/admissions\/[0-9a-f-]{36}\/discharge-summary\.pdf$/.test(r.url()),
    ),
    page.waitForEvent('download'),
    stay.getByRole('button', { name: 'Discharge summary' }).click(),
  ]);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');
  expect(download.suggestedFilename()).toMatch(/^discharge-summary-.*\.pdf$/);
  const body = fs.readFileSync((await download.path())!).toString('latin1');
  expect(body.startsWith('%PDF')).toBe(true);
  expect(body).toContain('DISCHARGE SUMMARY');
  expect(body).toContain('Dengue fever');
  expect(body).toContain('Paracetamol 650 mg tablet');
});

/** As the CGH receptionist, through the API: a call with the session's CSRF token. */
async function asDesk(request: APIRequestContext) {
  const { csrfToken } = await apiSignIn(request, 'receptionist');
  return {
    post: async <T>(url: string, data: object, status: number): Promise<T> => {
      const res = await request.post(url, { data, headers: { 'x-csrf-token': csrfToken } });
      expect(res.status(), `POST ${url}: ${await res.text()}`).toBe(status);
      return (await res.json()) as T;
    },
    signOut: () => request.post('/api/auth/sign-out', { headers: { 'x-csrf-token': csrfToken } }),
  };
}

/** A time as City General Hospital (in India) says it, as the app writes it in English. */
const inIndia = (iso: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Kolkata' }).format(
    new Date(iso),
  );

// The patient's phone is set to another zone (travelling, or a relative's phone abroad): the times
// still read on the hospital's clock, as the hospital and its staff say them.
test.describe('on a phone set to another zone', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('a bed the front desk holds for the patient shows on My stays until it is cancelled', async ({
    page,
    request,
    baseURL,
  }, info) => {
    const tag = unique().slice(-5).toUpperCase();
    const { bedIds, beds } = await setUpWard(request, tag);
    // A patient of this run's own (both projects run it at once, and a patient has at most one bed
    // held at a hospital): signed up in the portal, then registered at City General by the desk.
    const person = await newPatientAccount(baseURL!, `Meera Iyer ${tag}`);
    const desk = await asDesk(request);
    const registered = await desk.post<{ patientId: string }>(
      '/api/patients/register-existing',
      { givenName: 'Meera', familyName: `Iyer ${tag}`, email: person.email },
      201,
    );
    const until = new Date(Date.now() + 2 * 24 * 3600_000).toISOString();
    const held = await desk.post<{ id: string }>(
      '/api/wards/reservations',
      { bedId: bedIds[0], patientId: registered.patientId, until, reason: `Knee replacement ${tag}` },
      201,
    );
    try {
      await signIn(page, person.email, person.password);
      await openNav(page, 'My stays');
      const notice = page.getByTestId('my-bed-reservation');
      await expect(notice).toHaveCount(1);
      await expect(notice).toContainText('City General Hospital');
      await expect(notice).toContainText(`Ward ${tag}, bed ${beds[0]}`);
      await expect(notice).toContainText(`For: Knee replacement ${tag}`);
      await expect(notice).toContainText('Come to the front desk when you arrive.');
      // City General Hospital is in India: the hold ends at that time there, not in New York.
      await expect(notice).toContainText(`until ${inIndia(until)}.`);
      await snap(page, info, '02-bed-held-for-me');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      // Every other screen of hers reads on that clock too: her record's timeline, where the desk
      // registered her at City General.
      await openNav(page, 'My record');
      const [history] = await Promise.all([
        page.waitForResponse((r) => /\/api\/patients\/[0-9a-f-]{36}\/timeline/.test(r.url()) && r.ok()),
        page.getByRole('tab', { name: 'Timeline' }).click(),
      ]);
      const { items } = (await history.json()) as { items: { occurredAt: string }[] };
      expect(items.length).toBeGreaterThan(0);
      const timeline = page.getByTestId('timeline');
      for (const e of items) await expect(timeline).toContainText(inIndia(e.occurredAt));
      await snap(page, info, '03-my-record-timeline');
    } finally {
      await desk.post(`/api/wards/reservations/${held.id}/cancel`, { reason: 'journey over' }, 200);
      await desk.signOut();
    }
    // Cancelled, it is gone from the patient's page (loaded afresh: the tab kept what it showed).
    await openNav(page, 'My stays');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'My stays', level: 1 })).toBeVisible();
    await expect(page.getByTestId('my-bed-reservation')).toHaveCount(0);
  });
});
