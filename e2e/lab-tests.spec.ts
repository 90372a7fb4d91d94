import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { apiSignIn, demoEmail, openNav, signIn, snap, transitionsDone, unique } from './support/helpers';
import { expectNoSidewaysScroll } from './support/layout';
import { personPage } from './support/procurement';
import { newStaffMember } from './support/staff';

// The lab's test catalog: the lab technician adds a test billed as a service of the price list,
// with a numeric analyte (ranges, the female one apart) and a text one, changes a limit, and takes
// it out of use; a doctor reads the catalog and cannot change it. On a desktop and on a phone.
test('lab: the technician adds, changes and retires a test; a doctor reads the catalog', async ({
  browser,
  request,
  baseURL,
}, info) => {
  test.setTimeout(150_000);
  const tag = unique().slice(-5).toUpperCase();
  const code = `FER${tag}`;
  const name = `Serum ferritin ${tag}`;

  // The administrator puts the test's service on the price list (the lab cannot change prices).
  const { csrfToken } = await apiSignIn(request, 'cgh.admin');
  const service = await request.post('/api/billing/services', {
    data: { code, name: `Ferritin ${tag}`, priceMinor: 52_000, taxRateBp: 0 },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(service.status(), await service.text()).toBe(201);
  await request.post('/api/auth/sign-out', { headers: { 'x-csrf-token': csrfToken } });

  // A technician of their own: the demo's changes its password in another journey.
  const technician = await newStaffMember(request, 'lab_technician', `Deepa Lab ${tag}`);
  const lab = await personPage(browser, info, baseURL!);
  await signIn(lab, technician.email, technician.password);
  await openNav(lab, 'Lab tests');
  await expect(lab.getByRole('heading', { name: 'Lab tests', level: 1 })).toBeVisible();
  await expect(lab.getByTestId('data-row').filter({ hasText: 'Complete blood count (CBC)' })).toBeVisible();
  await expectAccessible(lab, 'the lab catalog');

  // 1. A new test, refused until it is whole, then saved.
  await lab.getByTestId('add-lab-test').click();
  const dialog = lab.getByRole('dialog', { name: 'Add a test' });
  await expect(dialog).toBeVisible();
  await transitionsDone(lab);
  await dialog.getByRole('button', { name: 'Add test' }).click();
  await expect(dialog.getByText('Choose the price-list service the test is billed as.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Code' }).fill(code.toLowerCase());
  await dialog.getByRole('textbox', { name: 'Name' }).first().fill(name);
  await dialog.getByRole('combobox', { name: 'Sample' }).click();
  await lab.getByRole('option', { name: 'Serum', exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Report due within (hours)' }).fill('24');
  const search = dialog.getByRole('textbox', { name: 'Find a service on the price list' });
  await search.fill(code);
  // The search narrows the whole price list to the one service.
  await expect(lab.getByRole('option')).toHaveCount(1);
  await lab.getByRole('option', { name: new RegExp(`Ferritin ${tag}`) }).click();
  await expect(dialog.getByTestId('lab-test-service')).toContainText(`Ferritin ${tag} · ${code} · ₹520.00`);
  const first = dialog.getByTestId('analyte-1');
  await first.getByRole('textbox', { name: 'Name' }).fill('Ferritin');
  await first.getByRole('textbox', { name: 'Unit' }).fill('ng/mL');
  await first.getByRole('textbox', { name: 'Normal from' }).fill('30');
  await first.getByRole('textbox', { name: 'Normal to' }).fill('400');
  await first.getByRole('textbox', { name: 'Female from' }).fill('13');
  await first.getByRole('textbox', { name: 'Female to' }).fill('150');
  await dialog.getByRole('button', { name: 'Add an analyte' }).click();
  const second = dialog.getByTestId('analyte-2');
  await second.getByRole('textbox', { name: 'Name' }).fill('Comment');
  await second.getByText('Text', { exact: true }).click();
  await expect(second.getByRole('textbox', { name: 'Unit' })).toHaveCount(0);
  await expectAccessible(lab, 'the lab test dialog');
  await snap(lab, info, '1-new-test', { settled: true });
  await dialog.getByRole('button', { name: 'Add test' }).click();
  await expect(dialog).toBeHidden();
  const row = lab.getByTestId('data-row').filter({ hasText: name });
  await expect(row).toContainText(code);
  await expect(row).toContainText('₹520.00');
  await expect(row).toContainText('2 analytes');
  await expect(row).toContainText('24 hours');
  await expectNoSidewaysScroll(lab.locator('main'));
  await snap(lab, info, '2-listed');

  // 2. A limit changed; the API then has it.
  await row.getByRole('button', { name: `Change ${name}` }).click();
  const editing = lab.getByRole('dialog', { name: `Change ${name}` });
  await editing.getByTestId('analyte-1').getByRole('textbox', { name: 'Normal to' }).fill('500');
  await editing.getByRole('button', { name: 'Save' }).click();
  await expect(editing).toBeHidden();
  // Saved twice now: when added, and changed.
  await expect(lab.getByText(`${name} saved.`)).toHaveCount(2);
  const found = await lab.request.get(`/api/lab/tests?q=${code}`);
  const saved = (await found.json()) as { items: { analytes: { name: string; refHigh: number | null }[] }[] };
  expect(saved.items[0]!.analytes.map((a) => [a.name, a.refHigh])).toEqual([
    ['Ferritin', 500],
    ['Comment', null],
  ]);

  // 3. Out of use: gone from the tests in use, listed with those out of use.
  await row.getByRole('button', { name: `Take ${name} out of use` }).click();
  await lab.getByRole('dialog').getByRole('button', { name: 'Take out of use' }).click();
  await expect(lab.getByText(`${name} is out of use.`)).toBeVisible();
  await expect(row).toHaveCount(0);

  // 4. A doctor reads the catalog: the demo's tests, no way to change them.
  const doctor = await personPage(browser, info, baseURL!);
  await signIn(doctor, demoEmail('doctor'));
  await openNav(doctor, 'Lab tests');
  await expect(doctor.getByTestId('data-row').filter({ hasText: 'Liver function tests' })).toBeVisible();
  await expect(doctor.getByTestId('add-lab-test')).toHaveCount(0);
  await expect(doctor.getByRole('button', { name: /^Change / })).toHaveCount(0);
  await expectNoSidewaysScroll(doctor.locator('main'));
  await snap(doctor, info, '3-doctor-reads');
});
