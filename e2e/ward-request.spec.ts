import { expect, test } from '@playwright/test';
import { demoEmail, openNav, signIn, unique } from './support/helpers';
import { shot } from './support/pharmacy';
import { newStaffMember } from './support/staff';

// A ward keeps its own stock: the hospital admin adds the ward's store, a nurse asks the pharmacy
// for medicines for it, the pharmacist issues part of them first expiry first out, and the nurse
// confirms what arrived. Each screen size uses a store of its own.
test('the admin adds a ward store; a nurse requests stock, the pharmacist issues part, the nurse receives it', async ({
  browser,
  request,
}, info) => {
  test.slow();
  const ward = `Ward ${unique().slice(-5).toUpperCase()}`;

  // The hospital admin adds the ward's store.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demoEmail('cgh.admin'));
  await openNav(admin, 'Stores');
  await expect(admin.getByRole('table', { name: 'Stores' })).toContainText('Pharmacy');
  await admin.getByRole('button', { name: 'Add ward store' }).click();
  await expect(admin.getByText('Give the store a name.')).toBeVisible();
  await admin.getByLabel('New ward store').fill(ward);
  await admin.getByRole('button', { name: 'Add ward store' }).click();
  await expect(admin.getByText(`${ward} added.`)).toBeVisible();
  const row = admin.getByTestId('data-row').filter({ hasText: ward });
  await expect(row).toContainText('Ward store');
  await shot(admin, info, '01-store-added');
  await admin.context().close();

  // The nurse asks for 30 paracetamol tablets for it.
  const nurseAccount = await newStaffMember(request, 'nurse', 'Meera Nair');
  const pharmacistAccount = await newStaffMember(request, 'pharmacist', 'Farhan Sheikh');
  const nurse = await (await browser.newContext()).newPage();
  await signIn(nurse, nurseAccount.email, nurseAccount.password);
  await openNav(nurse, 'Ward requests');
  await nurse.getByRole('link', { name: 'New request' }).click();
  await nurse.getByRole('combobox', { name: 'Ward store' }).click();
  await nurse.getByRole('option', { name: ward }).click();
  await nurse.getByLabel('Add a medicine').fill('Paracetamol 500');
  await nurse.getByRole('option').filter({ hasText: 'Paracetamol' }).first().click();
  await nurse
    .getByLabel(/^Quantity/)
    .first()
    .fill('30');
  await nurse.getByRole('button', { name: 'Send to the pharmacy' }).click();
  await expect(nurse).toHaveURL(/\/app\/ward-requests\/[0-9a-f-]{36}$/);
  const requestUrl = nurse.url();
  await expect(nurse.getByText(/WR-\d{6}/).first()).toBeVisible();
  await shot(nurse, info, '02-requested');

  // The pharmacist issues 20 of the 30.
  const pharmacist = await (await browser.newContext()).newPage();
  await signIn(pharmacist, pharmacistAccount.email, pharmacistAccount.password);
  await pharmacist.goto(requestUrl);
  await expect(pharmacist.getByRole('heading', { name: 'Issue from the pharmacy' })).toBeVisible();
  await pharmacist
    .getByLabel(/^Quantity of .* to issue/)
    .first()
    .fill('20');
  await pharmacist.getByRole('button', { name: 'Issue', exact: true }).click();
  await expect(pharmacist.getByTestId('dispensed')).toBeVisible();
  await expect(pharmacist.getByText('Partly issued').first()).toBeVisible();
  // The form now offers what is still to issue: the other 10, ready to go.
  await expect(pharmacist.getByText(/^10 .* still to issue$/)).toBeVisible();
  await expect(pharmacist.getByLabel(/^Quantity of .* to issue/).first()).toHaveValue('10');
  await expect(pharmacist.getByRole('button', { name: 'Issue', exact: true })).toBeEnabled();
  await shot(pharmacist, info, '03-issued');

  // The nurse confirms what arrived; the ward store now holds it.
  await nurse.reload();
  await nurse.getByRole('button', { name: 'Confirm receipt' }).click();
  await nurse.getByRole('dialog').getByRole('button', { name: 'Confirm receipt' }).click();
  await expect(nurse.getByRole('dialog')).toBeHidden();
  await expect(nurse.getByRole('button', { name: 'Confirm receipt' })).toBeHidden();
  await shot(nurse, info, '04-received');
  const batches = await nurse.request.get('/api/stores');
  const store = ((await batches.json()) as { items: { id: string; name: string }[] }).items.find(
    (s) => s.name === ward,
  )!;
  const held = await nurse.request.get(`/api/stock/batches?storeId=${store.id}`);
  const onWard = ((await held.json()) as { items: { onHand: number }[] }).items.reduce(
    (n, b) => n + b.onHand,
    0,
  );
  expect(onWard).toBe(20);
  await nurse.context().close();
  await pharmacist.context().close();
});
