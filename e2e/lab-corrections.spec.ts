import { expect, request as playwrightRequest, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { demoEmail, DEMO_PASSWORD, openNav, signIn, snap, transitionsDone, unique } from './support/helpers';
import { expectNoSidewaysScroll } from './support/layout';
import { personPage } from './support/procurement';
import { newStaffMember, type StaffAccount } from './support/staff';

// Correcting a released lab result (ADR 35): the demo patient's fasting blood sugar was verified
// with a mistyped value (19 for 91 mg/dL, flagged critical). The technician who finds the mistake
// corrects it with the reason; the result shown stays as it was until a second technician releases
// the correction (it is not offered to the first); then the corrected value stands, the old one is kept as
// replaced, and the patient reads the corrected report with the reason. On a desktop and a phone.

test.use({ actionTimeout: 30_000 });

/** A request context signed in as one person, with the CSRF header its writes need. */
async function api(baseURL: string, email: string, password: string) {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const signedIn = await ctx.post('/api/auth/sign-in', { data: { email, password } });
  expect(signedIn.status(), `${email} signs in`).toBe(204);
  const { csrfToken } = (await (await ctx.get('/api/auth/me')).json()) as { csrfToken: string };
  const send = async (method: 'post' | 'put', url: string, data: object = {}) => {
    const res = await ctx[method](url, { data, headers: { 'x-csrf-token': csrfToken } });
    expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
    return res.json() as Promise<{ id: string; number: string; items: { id: string }[] }>;
  };
  return { ctx, send };
}

/** The demo patient's FBS ordered at the front desk, verified by two technicians with a mistyped 19. */
async function mistypedSugar(
  baseURL: string,
  a: StaffAccount,
  b: StaffAccount,
): Promise<{ id: string; number: string }> {
  const desk = await api(baseURL, demoEmail('receptionist'), DEMO_PASSWORD);
  const found = (await (await desk.ctx.get('/api/patients?q=Rahul%20Verma')).json()) as {
    items: { id: string; name?: string }[];
  };
  const tests = (await (await desk.ctx.get('/api/lab/tests?q=FBS')).json()) as {
    items: { id: string; code: string; analytes: { id: string }[] }[];
  };
  const fbs = tests.items.find((x) => x.code === 'FBS')!;
  const order = await desk.send('post', '/api/lab/orders', {
    idempotencyKey: `e2e-${unique()}`,
    patientId: found.items[0]!.id,
    testIds: [fbs.id],
  });
  await desk.ctx.dispose();
  const [first, second] = [await api(baseURL, a.email, a.password), await api(baseURL, b.email, b.password)];
  const item = `/api/lab/orders/${order.id}/items/${order.items[0]!.id}`;
  await first.send('post', `${item}/collect`);
  await first.send('put', `${item}/results`, { values: [{ analyteId: fbs.analytes[0]!.id, value: 19 }] });
  await second.send('post', `${item}/verify`);
  await Promise.all([first.ctx.dispose(), second.ctx.dispose()]);
  return order;
}

test('lab: a verified result is corrected by one technician, released by a second, and the patient reads it', async ({
  browser,
  request,
  baseURL,
}, info) => {
  test.setTimeout(180_000);
  const tag = unique().slice(-5).toUpperCase();
  const kavya = await newStaffMember(request, 'lab_technician', `Kavya Fix ${tag}`);
  const imran = await newStaffMember(request, 'lab_technician', `Imran Check ${tag}`);
  const order = await mistypedSugar(baseURL!, kavya, imran);

  // 1. Kavya opens the order: the released 19 mg/dL is critical. She corrects it, with the reason.
  const lab = await personPage(browser, info, baseURL!);
  await signIn(lab, kavya.email, kavya.password);
  await lab.goto(`/app/lab-orders/${order.id}`);
  const fbs = lab.getByTestId('lab-item').filter({ hasText: 'Fasting blood sugar' });
  const glucose = () => fbs.getByTestId('lab-results').first().getByTestId('lab-result');
  await expect(glucose().getByTestId('result-value')).toHaveText('19 mg/dL');
  await fbs.getByRole('button', { name: 'Correct the results of Fasting blood sugar' }).click();
  const dialog = lab.getByRole('dialog');
  await expect(dialog.getByTestId('results-form')).toBeVisible();
  // The reason is required: saving without it says so on the field.
  await dialog.getByRole('textbox', { name: 'Glucose, fasting', exact: true }).fill('91');
  await expect(dialog.getByTestId('live-flag-1')).toHaveText('Normal');
  await dialog.getByRole('button', { name: 'Save correction' }).click();
  await expect(dialog.getByText('This field is required')).toBeVisible();
  await dialog
    .getByRole('textbox', { name: /Reason for the correction/ })
    .fill(`Glucose mistyped: 19 for 91 ${tag}`);
  await transitionsDone(lab);
  await expectNoSidewaysScroll(dialog);
  await snap(lab, info, '1-correction-form', { settled: true });
  await dialog.getByRole('button', { name: 'Save correction' }).click();
  await expect(dialog).toBeHidden();

  // Pending: the released value still stands; the correction waits for a second person.
  const pending = fbs.getByTestId('pending-correction');
  await expect(pending).toContainText(`Entered by Kavya Fix ${tag}`);
  await expect(pending).toContainText(`Glucose mistyped: 19 for 91 ${tag}`);
  await expect(glucose().getByTestId('result-value')).toHaveText('19 mg/dL');
  // Kavya may not release her own correction: it is not offered to her (the server refuses it too).
  await expect(
    fbs.getByRole('button', { name: 'Withdraw the correction of Fasting blood sugar' }),
  ).toBeVisible();
  await expect(
    fbs.getByRole('button', { name: 'Release the correction of Fasting blood sugar' }),
  ).toHaveCount(0);
  await expectAccessible(lab, 'a lab order with a correction waiting');
  await expectNoSidewaysScroll(lab.locator('main'));
  await snap(lab, info, '2-correction-pending');
  await lab.context().close();

  // 2. Imran finds it on the to-do list and releases it: 91 mg/dL stands, marked corrected, and the
  // 19 is kept as replaced.
  const second = await personPage(browser, info, baseURL!);
  await signIn(second, imran.email, imran.password);
  // The reported order is back on the lab's to-do list, with the correction to release.
  await second.goto(`/app/lab-orders?q=${order.number}`);
  const row = second.getByTestId('data-row').filter({ hasText: order.number });
  await expect(row.getByTestId('to-release')).toHaveText('1 correction to release');
  await row.getByRole('link', { name: order.number }).click();
  await expect(second).toHaveURL(new RegExp(`/app/lab-orders/${order.id}$`));
  const fbs2 = second.getByTestId('lab-item').filter({ hasText: 'Fasting blood sugar' });
  await fbs2.getByRole('button', { name: 'Release the correction of Fasting blood sugar' }).click();
  const confirm = second.getByRole('dialog');
  await expect(confirm).toContainText(`Glucose mistyped: 19 for 91 ${tag}`);
  await confirm.getByRole('button', { name: 'Release correction' }).click();
  await expect(confirm).toBeHidden();
  await expect(fbs2.getByTestId('pending-correction')).toHaveCount(0);
  const shown = fbs2.getByTestId('lab-results').first().getByTestId('lab-result');
  await expect(shown.getByTestId('result-value')).toHaveText('91 mg/dL');
  const correction = fbs2.getByTestId('correction');
  await expect(correction).toContainText('Corrected');
  await expect(correction).toContainText(`by Imran Check ${tag} (entered by Kavya Fix ${tag})`);
  await correction.getByText(/^Results replaced on/).click();
  await expect(correction.getByTestId('result-value')).toHaveText('19 mg/dL');
  await expectNoSidewaysScroll(second.locator('main'));
  await snap(second, info, '3-corrected');
  await second.context().close();

  // 3. The patient reads the corrected report, with what changed and why.
  const patient = await personPage(browser, info, baseURL!);
  await signIn(patient, demoEmail('patient'));
  await openNav(patient, 'My lab reports');
  await patient.goto(`/app/my-lab-reports/${order.id}`);
  const mine = patient.getByTestId('correction');
  await expect(mine).toContainText(`Glucose mistyped: 19 for 91 ${tag}`);
  await expect(patient.getByTestId('lab-results').first().getByTestId('result-value')).toHaveText('91 mg/dL');
  await expect(patient.getByTestId('pending-correction')).toHaveCount(0);
  await expectAccessible(patient, 'a corrected lab report');
  await expectNoSidewaysScroll(patient.locator('main'));
  await snap(patient, info, '4-patient-report');
  await patient.context().close();
});
