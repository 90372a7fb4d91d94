import { expect, test } from '@playwright/test';
import { apiSignIn, openNav, signIn, unique } from './support/helpers';
import { shot } from './support/pharmacy';
import { newStaffMember } from './support/staff';

// A stock take: the pharmacist counts a store blind (the expected quantities stay hidden), reviews
// the differences, and posts them; the batches then hold what was counted. Each screen size counts
// a store of its own, so the pharmacy's own stock, which other journeys read, does not move.
test('a pharmacist counts a store blind, reviews the differences and posts them; the stock follows the count', async ({
  page,
  request,
}, info) => {
  test.slow();
  const tag = unique().slice(-6).toUpperCase();
  const storeName = `Count room ${tag}`;
  const batchA = `TK${tag}A`;
  const batchB = `TK${tag}B`;

  // The hospital admin adds the store.
  const admin = await apiSignIn(request, 'cgh.admin');
  const made = await request.post('/api/stores', {
    data: { name: storeName, kind: 'ward' },
    headers: { 'x-csrf-token': admin.csrfToken },
  });
  expect(made.status(), await made.text()).toBe(201);
  const store = (await made.json()) as { id: string };
  await request.post('/api/auth/sign-out', { headers: { 'x-csrf-token': admin.csrfToken } });

  // The pharmacist receives two batches into it: 40 paracetamol and 25 cetirizine.
  const staff = await newStaffMember(request, 'pharmacist', `Kiran Rao ${tag}`);
  await signIn(page, staff.email, staff.password);
  const { csrfToken } = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  const medicine = async (q: string) => {
    const found = await page.request.get('/api/medicines', { params: { q } });
    return ((await found.json()) as { items: { id: string }[] }).items[0]!.id;
  };
  const received = await page.request.post('/api/stock/receipts', {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      storeId: store.id,
      lines: [
        {
          medicineId: await medicine('Paracetamol 500'),
          batchNumber: batchA,
          expiryDate: '2029-06-30',
          quantity: 40,
          unitCostMinor: 150,
        },
        {
          medicineId: await medicine('Cetirizine'),
          batchNumber: batchB,
          expiryDate: '2029-06-30',
          quantity: 25,
          unitCostMinor: 90,
        },
      ],
    },
  });
  expect(received.status(), await received.text()).toBe(201);

  // 1. The count starts with every batch of the store as a line, and shows no expected quantity.
  await openNav(page, 'Stock takes');
  await page.getByRole('combobox', { name: /^Store/ }).click();
  await page.getByRole('option', { name: storeName }).click();
  await page.getByRole('button', { name: 'Start count' }).click();
  await expect(page.getByText('0 of 2 counted')).toBeVisible();
  await expect(page.getByText('Expected', { exact: true })).toHaveCount(0);
  await page.getByLabel(new RegExp(`^Counted units of .*batch ${batchA}$`)).fill('37');
  await page.getByLabel(new RegExp(`^Counted units of .*batch ${batchB}$`)).fill('25');
  await shot(page, info, '01-counting');
  await page.getByRole('button', { name: 'Save 2 counts' }).click();
  await expect(page.getByText('2 counts saved.')).toBeVisible();
  await expect(page.getByText('2 of 2 counted')).toBeVisible();

  // 2. The review compares the counts with the ledger: three tablets fewer on one batch.
  await page.getByRole('button', { name: 'Review differences' }).click();
  await expect(page.getByText('1 batch differs: 0 units more and 3 fewer than expected.')).toBeVisible();
  await shot(page, info, '02-review');
  await page.getByRole('button', { name: 'Post adjustments' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('1 batch is adjusted to its count (0 units more, 3 fewer).');
  await confirm.getByRole('button', { name: 'Post adjustments' }).click();
  await expect(page.getByText('Stock take posted: one batch adjusted.')).toBeVisible();
  await shot(page, info, '03-posted');

  // 3. The batches hold what was counted.
  const held = await page.request.get('/api/stock/batches', { params: { storeId: store.id } });
  const items = ((await held.json()) as { items: { batchNumber: string; onHand: number }[] }).items;
  expect(Object.fromEntries(items.map((b) => [b.batchNumber, b.onHand]))).toEqual({
    [batchA]: 37,
    [batchB]: 25,
  });
});
