import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { demoEmail, openNav, signIn, snap, transitionsDone, unique } from './support/helpers';
import { expectNoSidewaysScroll } from './support/layout';
import { personPage } from './support/procurement';
import { newStaffMember } from './support/staff';

// Lab orders, their samples and results: the front desk orders two tests for a walk-in patient,
// urgent; a lab technician finds the order in the worklist, and again by scanning a sample's
// barcode into its search box (a number no sample has is said to be so), collects one sample,
// sees the other still waiting, collects it, and the order is collected; its labels are a PDF. The
// technician enters both tests' results (a low haemoglobin flagged as it is typed) and may not
// verify them themselves; a second technician finds them to verify, verifies both, and the order
// is reported with its report a PDF. On a desktop and a phone.
test('lab: the front desk orders two tests; the technician collects both samples and enters the results; a second verifies them', async ({
  browser,
  request,
  baseURL,
}, info) => {
  test.setTimeout(180_000);
  const tag = unique().slice(-5).toUpperCase();
  // Technicians of their own: the demo's changes its password in another journey.
  const technician = await newStaffMember(request, 'lab_technician', `Kavya Lab ${tag}`);
  const senior = await newStaffMember(request, 'lab_technician', `Imran Senior ${tag}`);

  // 1. The receptionist orders CBC and LFT for a demo patient, urgent.
  const desk = await personPage(browser, info, baseURL!);
  await signIn(desk, demoEmail('receptionist'));
  await openNav(desk, 'Lab orders');
  await desk.getByRole('link', { name: 'New lab order' }).click();
  await expect(desk.getByRole('heading', { name: 'New lab order', level: 1 })).toBeVisible();
  await desk.getByTestId('patient-picker').fill('Aarav Patel');
  await desk
    .getByRole('option', { name: /Aarav Patel/ })
    .first()
    .click();
  await expect(desk.getByTestId('chosen-patient')).toContainText('Aarav Patel');
  const tests = desk.getByRole('combobox', { name: 'Tests' });
  for (const code of ['CBC', 'LFT']) {
    await tests.fill(code);
    await desk.getByRole('option', { name: new RegExp(`${code} · `) }).click();
  }
  await tests.press('Escape');
  await expect(desk.getByRole('listbox')).toBeHidden();
  await expect(desk.getByTestId('chosen-test')).toHaveCount(2);
  await expect(desk.getByTestId('lab-total')).toHaveText('₹900.00');
  await desk.getByRole('radio', { name: 'Urgent' }).check();
  await desk.getByRole('textbox', { name: 'Clinical note' }).fill(`Fever for 5 days ${tag}`);
  await expectNoSidewaysScroll(desk.locator('main'));
  await expectAccessible(desk, 'the new lab order');
  await snap(desk, info, '1-new-order', { settled: true });
  await desk.getByTestId('place-lab-order').click();

  await expect(desk).toHaveURL(/\/app\/lab-orders\/[0-9a-f-]{36}$/);
  const id = /lab-orders\/([0-9a-f-]{36})$/.exec(desk.url())![1]!;
  const heading = desk.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/^Lab order \S+$/);
  const number = (await heading.textContent())!.replace('Lab order ', '');
  await expect(desk.getByTestId('lab-order-patient')).toContainText('Urgent');
  await expect(desk.getByTestId('lab-item')).toHaveCount(2);
  // The front desk bills it; it does not collect samples.
  await expect(desk.getByTestId('lab-invoice')).toBeVisible();
  await expect(desk.getByRole('button', { name: /^Collect sample/ })).toHaveCount(0);
  await desk.context().close();

  // 2. The technician finds it in the worklist by its number.
  const lab = await personPage(browser, info, baseURL!);
  await signIn(lab, technician.email, technician.password);
  await openNav(lab, 'Lab orders');
  await lab.getByRole('searchbox', { name: 'Search orders' }).fill(number);
  const row = lab.getByTestId('data-row').filter({ hasText: number });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('CBC, LFT');
  await expect(row).toContainText('Urgent');
  await expect(row).toContainText('Awaiting sample');
  await expectNoSidewaysScroll(lab.locator('main'));
  await snap(lab, info, '2-worklist');
  await row.getByRole('link', { name: number }).click();
  await expect(lab.getByRole('heading', { name: `Lab order ${number}`, level: 1 })).toBeVisible();

  // 2b. At the bench, a hand scanner types a label's accession number and Enter into the search
  // box: a number no sample has says so; the LFT sample's opens its order, even from a list of
  // cancelled orders, where it is not.
  await lab.goto('/app/lab-orders?status=cancelled');
  const search = lab.getByRole('searchbox', { name: 'Search orders' });
  // A scanner types like a very fast keyboard, Enter straight after the last character.
  await search.pressSequentially('LAB-999999-9\n');
  await expect(lab.getByTestId('scan-missing')).toContainText('No sample LAB-999999-9');
  await expect(lab).toHaveURL(/\/app\/lab-orders\?/);
  await expectNoSidewaysScroll(lab.locator('main'));
  await expectAccessible(lab, 'a scan that matches no sample');
  await snap(lab, info, '2b-scan-missing');
  await search.fill('');
  await expect(lab.getByTestId('scan-missing')).toHaveCount(0);
  await search.pressSequentially(`${number}-2\n`);
  await expect(lab).toHaveURL(new RegExp(`/app/lab-orders/${id}$`));
  await expect(lab.getByRole('heading', { name: `Lab order ${number}`, level: 1 })).toBeVisible();

  // 3. One sample collected, with a note; the other still waits, and so does the order.
  const collect = async (name: string, note?: string) => {
    await lab.getByRole('button', { name: `Collect sample for ${name}` }).click();
    const dialog = lab.getByRole('dialog');
    await transitionsDone(lab);
    if (note) {
      await expectAccessible(lab, 'the collect dialog');
      await dialog.getByRole('textbox', { name: 'Note (optional)' }).fill(note);
    }
    await dialog.getByRole('button', { name: 'Mark collected' }).click();
    await expect(dialog).toBeHidden();
  };
  const cbc = lab.getByTestId('lab-item').filter({ hasText: 'Complete blood count' });
  const lft = lab.getByTestId('lab-item').filter({ hasText: 'Liver function tests' });
  await collect('Complete blood count (CBC)', 'Left arm');
  await expect(cbc.getByTestId('item-status')).toHaveText('Collected');
  await expect(cbc).toContainText('Left arm');
  await expect(lft.getByTestId('item-status')).toHaveText('Awaiting sample');
  await expect(lab.getByTestId('order-status')).toHaveText('Awaiting sample');
  await expect(lab.getByTestId('sample-progress')).toHaveText('1 of 2 collected');
  await expectNoSidewaysScroll(lab.locator('main'));
  await snap(lab, info, '3-one-collected');

  // 4. The second sample: the order is collected.
  await collect('Liver function tests');
  await expect(lft.getByTestId('item-status')).toHaveText('Collected');
  await expect(lab.getByTestId('order-status')).toHaveText('Collected');
  await expect(lab.getByRole('button', { name: /^Collect sample/ })).toHaveCount(0);

  // 5. The labels: one PDF for the order.
  await expect(lab.getByTestId('print-labels')).toBeVisible();
  const labels = await lab.request.get(`/api/lab/orders/${id}/labels.pdf`);
  expect(labels.status()).toBe(200);
  expect(labels.headers()['content-type']).toContain('application/pdf');
  expect((await labels.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await snap(lab, info, '4-collected');

  // 6. The results: the dialog flags a low haemoglobin as it is typed, before anything is saved.
  const enter = async (name: string, values: [string, string][], check?: () => Promise<void>) => {
    await lab.getByRole('button', { name: `Enter results for ${name}` }).click();
    const dialog = lab.getByRole('dialog');
    await expect(dialog.getByTestId('results-form')).toBeVisible();
    for (const [label, value] of values)
      await dialog.getByRole('textbox', { name: label, exact: true }).fill(value);
    await check?.();
    await dialog.getByRole('button', { name: 'Save results' }).click();
    await expect(dialog).toBeHidden();
  };
  await enter(
    'Complete blood count (CBC)',
    [
      ['Haemoglobin', '11.2'],
      ['Total leucocyte count', '7.8'],
      ['Platelet count', '245'],
      ['Haematocrit (PCV)', '43.1'],
      ['RBC count', '4.92'],
      ['Peripheral smear', 'Microcytic hypochromic red cells'],
    ],
    async () => {
      const dialog = lab.getByRole('dialog');
      await expect(dialog.getByTestId('live-flag-1')).toHaveText('Low');
      await expect(dialog.getByTestId('live-flag-3')).toHaveText('Normal');
      await transitionsDone(lab);
      await expectNoSidewaysScroll(dialog);
      await snap(lab, info, '5-results-form', { settled: true });
    },
  );
  const haemoglobin = cbc.getByTestId('lab-result').filter({ hasText: 'Haemoglobin' });
  await expect(haemoglobin).toHaveAttribute('data-flag', 'low');
  await expect(haemoglobin.getByTestId('result-value')).toHaveText('11.2 g/dL');
  await expect(cbc.getByTestId('item-status')).toHaveText('Results entered');
  await expect(cbc.getByTestId('resulted-by')).toContainText(`Entered by Kavya Lab ${tag}`);
  await enter('Liver function tests', [
    ['Total bilirubin', '0.8'],
    ['Direct bilirubin', '0.2'],
    ['SGOT (AST)', '30'],
    ['SGPT (ALT)', '35'],
    ['Alkaline phosphatase', '90'],
    ['Total protein', '7.1'],
    ['Albumin', '4.2'],
  ]);
  await expect(lft.getByTestId('item-status')).toHaveText('Results entered');

  // 7. Whoever entered the results may not verify them: the dialog says why.
  await lab.getByRole('button', { name: 'Verify the results of Complete blood count (CBC)' }).click();
  const refusal = lab.getByRole('dialog');
  await refusal.getByRole('button', { name: 'Verify results' }).click();
  await expect(refusal.getByRole('alert')).toContainText(
    'You entered these results, so you cannot verify them',
  );
  await refusal.getByRole('button', { name: 'Cancel' }).click();
  await expect(cbc.getByTestId('item-status')).toHaveText('Results entered');
  await expectNoSidewaysScroll(lab.locator('main'));
  await snap(lab, info, '6-results-entered');
  await lab.context().close();

  // 8. A second technician finds the order waiting for verification and verifies both tests.
  const second = await personPage(browser, info, baseURL!);
  await signIn(second, senior.email, senior.password);
  await second.goto(`/app/lab-orders?status=collected&q=${number}`);
  const waiting = second.getByTestId('data-row').filter({ hasText: number });
  await expect(waiting.getByTestId('to-verify')).toHaveText('2 tests to verify');
  await waiting.getByRole('link', { name: number }).click();
  const verify = async (name: string) => {
    await second.getByRole('button', { name: `Verify the results of ${name}` }).click();
    const dialog = second.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Verify results' }).click();
    await expect(dialog).toBeHidden();
  };
  await verify('Complete blood count (CBC)');
  const cbc2 = second.getByTestId('lab-item').filter({ hasText: 'Complete blood count' });
  await expect(cbc2.getByTestId('item-status')).toHaveText('Verified');
  await expect(cbc2.getByTestId('verified-by')).toContainText(`Verified by Imran Senior ${tag}`);
  await expect(second.getByTestId('order-status')).toHaveText('Collected');
  await verify('Liver function tests');
  await expect(second.getByTestId('order-status')).toHaveText('Reported');
  await expect(second.getByTestId('results-progress')).toHaveText('2 of 2 verified');

  // 9. The report: one PDF of the verified tests.
  await expect(second.getByTestId('lab-report')).toBeVisible();
  const report = await second.request.get(`/api/lab/orders/${id}/report.pdf`);
  expect(report.status()).toBe(200);
  expect(report.headers()['content-type']).toContain('application/pdf');
  expect((await report.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await expectNoSidewaysScroll(second.locator('main'));
  await snap(second, info, '7-reported');
});
