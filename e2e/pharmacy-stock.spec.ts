import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_MEDICINES, type DemoMedicine } from '../server/db/seed/demo-medicines';
import { EXPIRED, LOW, label } from '../server/db/seed/demo-stock';
import { openNav, signIn, unique } from './support/helpers';
import { cellText, onHand, openMedicine, shot } from './support/pharmacy';
import { newStaffMember } from './support/staff';

// Each screen size works a medicine of its own (sold over the counter, no prescription needed), so
// the two runs never change each other's stock.
const BRAND: Record<string, string> = { desktop: 'Avil 25', phone: 'Evion 400' };
const PACKS = 4;
const DAMAGED = 5;
const SOLD = 3;

const demo = (brand: string): DemoMedicine => DEMO_MEDICINES.find((m) => label(m) === brand)!;
/** How the stock screens name a medicine: "Telmisartan 80 mg tablet (Telma 80)". */
const stockName = (m: DemoMedicine) =>
  `${m.genericName} ${m.strength} ${m.form}${m.brandName ? ` (${m.brandName})` : ''}`;

/** A table of the medicine page by its caption: a table on a desktop, a list of cards on a phone. */
const tableOf = (page: Page, caption: string): Locator =>
  page.getByRole('table', { name: caption }).or(page.getByRole('list', { name: caption }));

/** The last day of the month two years from now: a printed expiry date. */
function expiryIn2Years(): { typed: string; shown: RegExp } {
  const now = new Date();
  const end = new Date(Date.UTC(now.getUTCFullYear() + 2, now.getUTCMonth() + 1, 0));
  const month = end.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return {
    typed: `${end.getUTCDate()} ${month} ${end.getUTCFullYear()}`,
    shown: new RegExp(`${month} ${end.getUTCDate()}, ${end.getUTCFullYear()}`),
  };
}

test("the pharmacist's stock day: receive a batch, adjust it, sell over the counter, read the alerts", async ({
  page,
  request,
}, info) => {
  // A long journey through five screens: three times the usual time on a busy machine.
  test.slow();
  const m = demo(BRAND[info.project.name] ?? BRAND.desktop!);
  const brand = label(m);
  const units = PACKS * m.packSize;
  const batch = `E2E-${unique().toUpperCase()}`;
  const expiry = expiryIn2Years();
  const staff = await newStaffMember(request, 'pharmacist', 'Joseph Mathew');
  await signIn(page, staff.email, staff.password);

  // Receive four packs of a new batch into the pharmacy, from the medicine's own page.
  await openMedicine(page, brand);
  const before = await onHand(page);
  await page.getByRole('link', { name: 'Receive stock' }).click();
  await expect(page.getByRole('heading', { name: 'Receive stock', level: 1 })).toBeVisible();
  const line = page.getByRole('group', { name: 'Batch 1' });
  await expect(line.getByRole('combobox', { name: 'Medicine' })).toHaveValue(new RegExp(`\\(${brand}\\)$`));
  await page.getByRole('combobox', { name: 'Store' }).click();
  await page.getByRole('option', { name: 'Pharmacy', exact: true }).click();
  await line.getByRole('textbox', { name: 'Batch number' }).fill(batch);
  await line.getByRole('textbox', { name: 'Expiry date' }).fill(expiry.typed);
  await line.getByRole('textbox', { name: 'Expiry date' }).press('Tab');
  // Counted in packs: the segmented control's label is what a person taps (its radio is hidden).
  await line.getByText('Packs', { exact: true }).click();
  await expect(line.getByRole('radio', { name: 'Packs' })).toBeChecked();
  await line.getByRole('textbox', { name: 'Packs' }).fill(String(PACKS));
  await line.getByRole('textbox', { name: /^Cost per/ }).fill('1.50');
  await expect(line.getByTestId('line-summary')).toContainText(
    `${PACKS} packs of ${m.packSize} = ${units} units`,
  );
  await shot(page, info, '01-receive');
  await page.getByRole('button', { name: 'Receive stock' }).click();
  await expect(page.getByRole('status')).toContainText('One batch was written to the stock ledger.');
  const received = page.getByTestId('data-row').filter({ hasText: batch });
  await expect(received).toContainText('Pharmacy');
  await expect(received).toContainText(`+${units}`);

  // The batch is listed with its quantity in dispensing units, and the ledger has its receipt.
  await received.getByRole('link', { name: new RegExp(brand) }).click();
  const batchRow = tableOf(page, 'Batches').getByTestId('data-row').filter({ hasText: batch });
  await expect(batchRow).toContainText('Pharmacy');
  await expect(batchRow).toContainText(expiry.shown);
  await expect.poll(() => cellText(batchRow, 'On hand')).toBe(String(units));
  await expect.poll(() => onHand(page)).toBe(before + units);
  const newest = tableOf(page, 'Stock movements').getByTestId('data-row').first();
  await expect(newest).toContainText('Received');
  await expect(newest).toContainText(`+${units}`);
  await expect(newest).toContainText(batch);
  expect(await cellText(newest, 'Batch balance')).toBe(String(units));
  await shot(page, info, '02-batch-received');

  // Five units were damaged: adjusted down with the reason, and the ledger says why.
  await batchRow.getByRole('button', { name: `Adjust batch ${batch}` }).click();
  const adjust = page.getByRole('dialog', { name: 'Adjust a batch' });
  await expect(adjust).toContainText(`batch ${batch} in Pharmacy: ${units} on hand.`);
  await adjust.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'Damaged' }).click();
  await adjust.getByRole('textbox', { name: 'Units' }).fill(String(DAMAGED));
  await adjust.getByRole('textbox', { name: 'Note' }).fill('Carton crushed in delivery');
  await expect(adjust.getByTestId('adjust-preview')).toHaveText(
    `Change −${DAMAGED}: the batch will hold ${units - DAMAGED}.`,
  );
  await shot(page, info, '03-adjust');
  await adjust.getByRole('button', { name: 'Adjust', exact: true }).click();
  await expect(page.getByText(`Batch ${batch} adjusted: it now holds ${units - DAMAGED}.`)).toBeVisible();
  await expect(adjust).toBeHidden();
  await expect.poll(() => cellText(batchRow, 'On hand')).toBe(String(units - DAMAGED));
  await expect(newest).toContainText('Adjusted');
  await expect(newest).toContainText(`−${DAMAGED}`);
  await expect(newest).toContainText('Damaged: Carton crushed in delivery');
  expect(await cellText(newest, 'Batch balance')).toBe(String(units - DAMAGED));
  await expect.poll(() => onHand(page)).toBe(before + units - DAMAGED);

  // A counter sale of three takes them off the shelf.
  await openNav(page, 'Counter sale');
  await page.getByTestId('medicine-search').fill(brand);
  await page.getByRole('option', { name: new RegExp(`\\(${brand}\\)`) }).click();
  const saleLine = page.getByTestId('sale-line');
  await expect(saleLine).toContainText(brand);
  await saleLine.getByRole('textbox', { name: 'Quantity' }).fill(String(SOLD));
  await shot(page, info, '04-counter-sale');
  await page.getByRole('button', { name: 'Complete sale' }).click();
  const receipt = page.getByTestId('sale-receipt');
  await expect(receipt).toContainText('Sale recorded: hand over these batches');
  await expect(receipt).toContainText(`${SOLD} ×`);
  await openMedicine(page, brand);
  await expect.poll(() => onHand(page)).toBe(before + units - DAMAGED - SOLD);
  await expect(tableOf(page, 'Stock movements').getByTestId('data-row').first()).toContainText('Sold');
  await expect(tableOf(page, 'Stock movements').getByTestId('data-row').first()).toContainText(`−${SOLD}`);

  // The alerts list a medicine the demo leaves low, and the batch it left expired on the shelf.
  await openNav(page, 'Stock alerts');
  await expect(page.getByRole('heading', { name: 'Stock alerts', level: 1 })).toBeVisible();
  const low = demo(LOW[1]!);
  const lowRow = page
    .locator('#low-stock')
    .getByTestId('data-row')
    .filter({ hasText: stockName(low) });
  await expect(lowRow).toBeVisible();
  expect(Number(await cellText(lowRow, 'On hand'))).toBeLessThanOrEqual(low.reorderLevel);
  expect(await cellText(lowRow, 'Reorder level')).toBe(String(low.reorderLevel));
  const expired = page
    .getByTestId('expired-store-Pharmacy')
    .getByTestId('data-row')
    .filter({
      hasText: stockName(demo(EXPIRED.label)),
    });
  await expect(expired).toContainText(
    new RegExp(`expired (${EXPIRED.daysAgo}|${EXPIRED.daysAgo + 1}) days ago`),
  );
  await shot(page, info, '05-alerts');
});
