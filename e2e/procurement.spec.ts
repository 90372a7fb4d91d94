import { expect, test, type Locator, type Page } from '@playwright/test';
import { openNav, signIn, unique } from './support/helpers';
import { openMedicine, shot } from './support/pharmacy';
import { expiryIn2Years, personPage, setUpProcurement } from './support/procurement';
import { newStaffMember } from './support/staff';

const ORDERED = 20;
const FIRST = 8;

/** A table of the medicine page by its caption: a table on a desktop, a list of cards on a phone. */
const tableOf = (page: Page, caption: string): Locator =>
  page.getByRole('table', { name: caption }).or(page.getByRole('list', { name: caption }));

/** Receives one batch of the order's only line, from the order's page. */
async function receive(page: Page, packs: number, batch: string, expiry: string, note: string) {
  await page.getByRole('link', { name: 'Receive goods' }).click();
  await expect(page.getByRole('heading', { name: /^Receive goods on PO-/, level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Delivery note or invoice number' }).fill(note);
  const line = page.getByTestId('receive-line');
  await line.getByRole('textbox', { name: 'Packs into stock' }).fill(String(packs));
  await line.getByRole('textbox', { name: 'Batch number' }).fill(batch);
  await line.getByRole('textbox', { name: 'Expiry date' }).fill(expiry);
  await line.getByRole('textbox', { name: 'Expiry date' }).press('Tab');
  await expect(line.getByRole('textbox', { name: 'Packs into stock' })).toHaveValue(String(packs));
}

test('procurement: suggestions become a draft, the admin approves it, goods arrive in two deliveries', async ({
  page,
  browser,
  request,
  baseURL,
}, info) => {
  // Four people and two deliveries; the phone project runs beside the desktop one.
  test.setTimeout(240_000);
  const tag = unique();
  // Every person and the medicine are the journey's own, so both projects run it at once.
  const setup = await setUpProcurement(request, tag);
  const officer = await newStaffMember(request, 'procurement_officer', `Meera Iyer ${tag}`);
  const admin = await newStaffMember(request, 'hospital_admin', `Arjun Menon ${tag}`);
  const pharmacist = await newStaffMember(request, 'pharmacist', `Lata Bose ${tag}`);
  const expiry = expiryIn2Years();
  const batch1 = `PO1-${tag.toUpperCase()}`;
  const batch2 = `PO2-${tag.toUpperCase()}`;

  // 1. The officer finds the medicine among the pharmacy's reorder suggestions and orders 20 packs.
  await signIn(page, officer.email, officer.password);
  await openNav(page, 'Reorder suggestions');
  await expect(page.getByRole('heading', { name: 'Reorder suggestions', level: 1 })).toBeVisible();
  await page.getByRole('combobox', { name: 'Store' }).click();
  await page.getByRole('option', { name: 'Pharmacy', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Find a medicine' }).fill(setup.brand);
  const row = page.getByTestId('data-row').filter({ hasText: setup.brand });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('combobox', { name: /^Supplier of/ })).toHaveValue(setup.supplierName);
  await row.getByRole('checkbox', { name: `Choose ${setup.medicineName} for Pharmacy` }).check();
  await row.getByRole('textbox', { name: /^Packs of/ }).fill(String(ORDERED));
  await expect(page.getByTestId('chosen-summary')).toContainText('1 chosen');
  await shot(page, info, '01-suggestions');
  await page.getByRole('button', { name: 'Create draft orders' }).click();
  const created = page.getByTestId('created-orders');
  await expect(created).toContainText(`${setup.supplierName} · 1 line`);
  await created.getByRole('link', { name: /^PO-\d{4}-\d+$/ }).click();

  // 2. The draft, priced at the supplier's last price, goes for approval: it is above the threshold.
  const heading = page.getByRole('heading', { name: /^Purchase order PO-\d{4}-\d+$/, level: 1 });
  await expect(heading).toBeVisible();
  const number = /PO-\d{4}-\d+/.exec((await heading.innerText()).replace(/\s+/g, ''))![0];
  const orderUrl = page.url();
  await expect(page.getByTestId('po-status')).toHaveText('Draft');
  await expect(tableOf(page, 'Lines of the order').getByTestId('data-row')).toContainText(
    `${ORDERED} × ${setup.packSize}`,
  );
  await expect(page.getByText('At or above the approval threshold')).toBeVisible();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByTestId('po-status')).toHaveText('Awaiting approval');
  await expect(page.getByTestId('po-timeline')).toContainText('Submitted for approval');
  await shot(page, info, '02-submitted');

  // 3. A hospital admin finds it among the orders awaiting approval and approves it.
  const adminPage = await personPage(browser, info, baseURL!);
  await signIn(adminPage, admin.email, admin.password);
  await openNav(adminPage, 'Purchase orders');
  // The status filter is a segmented control on a desktop, a select on a phone.
  if ((adminPage.viewportSize()?.width ?? 1024) >= 768) {
    await adminPage.getByTestId('status-filter').getByText('Awaiting approval', { exact: true }).click();
  } else {
    await adminPage.getByRole('combobox', { name: 'Show orders' }).click();
    await adminPage.getByRole('option', { name: 'Awaiting approval' }).click();
  }
  await adminPage
    .getByTestId('data-row')
    .filter({ hasText: number })
    .getByRole('link', { name: number })
    .click();
  // The list's cards carry status badges too: read the badge once the order's own page is open.
  await expect(adminPage.getByRole('heading', { name: `Purchase order ${number}`, level: 1 })).toBeVisible();
  await expect(adminPage.getByTestId('po-status')).toHaveText('Awaiting approval');
  await adminPage.getByRole('button', { name: 'Approve' }).click();
  await adminPage.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(adminPage.getByTestId('po-status')).toHaveText('Approved');
  await shot(adminPage, info, '03-approved');
  await adminPage.context().close();

  // 4. The officer receives the first 8 packs as a batch with its expiry.
  await page.goto(orderUrl);
  await expect(page.getByTestId('po-status')).toHaveText('Approved');
  await receive(page, FIRST, batch1, expiry.typed, `DN-${tag}-1`);
  await shot(page, info, '04-receive');
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page).toHaveURL(orderUrl);
  await expect(page.getByTestId('po-status')).toHaveText('Partly received');
  const line = tableOf(page, 'Lines of the order').getByTestId('data-row');
  await expect(line.getByTestId('remaining')).toHaveText(String(ORDERED - FIRST));
  await expect(page.getByTestId('receipt')).toContainText(`${FIRST} packs, batch ${batch1}`);

  // 5. The pharmacist sees the new batch in the pharmacy's stock, in dispensing units.
  const pharmacyPage = await personPage(browser, info, baseURL!);
  await signIn(pharmacyPage, pharmacist.email, pharmacist.password);
  await openMedicine(pharmacyPage, setup.brand);
  const batchRow = tableOf(pharmacyPage, 'Batches').getByTestId('data-row').filter({ hasText: batch1 });
  await expect(batchRow).toContainText('Pharmacy');
  await expect(batchRow).toContainText(expiry.shown);
  await expect(batchRow).toContainText(String(FIRST * setup.packSize));
  await shot(pharmacyPage, info, '05-pharmacist-batch');
  await pharmacyPage.context().close();

  // 6. The rest arrives: the order is received in full.
  await receive(page, ORDERED - FIRST, batch2, expiry.typed, `DN-${tag}-2`);
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page).toHaveURL(orderUrl);
  await expect(page.getByTestId('po-status')).toHaveText('Received');
  await expect(line.getByTestId('remaining')).toHaveText('0');
  await expect(page.getByTestId('receipt')).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Receive goods' })).toHaveCount(0);
  await shot(page, info, '06-received');
});
