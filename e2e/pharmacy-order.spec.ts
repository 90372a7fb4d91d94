import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { demoEmail, openNav, signIn, waitForMail } from './support/helpers';
import { onHand, openMedicine, shot } from './support/pharmacy';
import { expectInside, expectNotTruncated } from './support/layout';
import { newStaffMember } from './support/staff';
import { expectAccessible } from './support/axe';
import { prescriptionPng } from './support/files';

// Each screen size orders a prescription-only medicine of its own, so the two runs never change
// each other's stock. Both are tablets the demo pharmacy holds well above the quantity ordered.
const MEDICINE: Record<string, { brand: string; name: string }> = {
  desktop: { brand: 'Cepodem 200', name: 'Cefpodoxime 200 mg' },
  phone: { brand: 'Stemetil MD', name: 'Prochlorperazine 5 mg' },
};
const QUANTITY = 10;
const HOSPITAL = 'City General Hospital';

/** A second person at the same screen size, in a browser of their own. */
async function secondPerson(browser: Browser, page: Page, info: TestInfo): Promise<Page> {
  const context = await browser.newContext({
    viewport: page.viewportSize()!,
    isMobile: info.project.use.isMobile,
    hasTouch: info.project.use.hasTouch,
    deviceScaleFactor: info.project.use.deviceScaleFactor,
  });
  return context.newPage();
}

// The patient's phone is set to New York: the order's times still read on the pharmacy's clock.
test.use({ timezoneId: 'America/New_York' });

test('a patient orders a prescription-only medicine online; the pharmacist checks the prescription, approves and dispenses it', async ({
  page,
  browser,
  request,
}, info) => {
  // Two people in two browsers through a whole order: three times the usual time on a busy machine.
  test.slow();
  const medicine = MEDICINE[info.project.name] ?? MEDICINE.desktop!;
  const staff = await newStaffMember(request, 'pharmacist', 'Meenakshi Rao');
  const pharmacist = await secondPerson(browser, page, info);
  await signIn(pharmacist, staff.email, staff.password);
  await openMedicine(pharmacist, medicine.brand);
  const before = await onHand(pharmacist);
  expect(before).toBeGreaterThan(QUANTITY);

  // The patient finds the medicine in the shop of City General.
  await signIn(page, demoEmail('patient'));
  await openNav(page, 'Order medicines');
  await expect(page.getByRole('heading', { name: 'Order medicines', level: 1 })).toBeVisible();
  await page.getByRole('combobox', { name: 'Pharmacy of' }).click();
  await page.getByRole('option', { name: new RegExp(`^${HOSPITAL}`) }).click();
  // The shop searches as the patient types, after a pause: wait for its answer, however slow.
  const searched = page.waitForResponse(
    (r) =>
      r.url().includes('/api/shop/medicines?') && new URL(r.url()).searchParams.get('q') === medicine.brand,
  );
  await page.getByRole('searchbox', { name: 'Search medicines' }).fill(medicine.brand);
  expect((await searched).ok()).toBe(true);
  const card = page.getByRole('article', { name: medicine.name });
  await expect(card).toBeVisible();
  await expect(card.getByText('Prescription needed')).toBeVisible();
  await expect(card.getByText('In stock')).toBeVisible();
  await card.getByRole('textbox', { name: `How many of ${medicine.name}` }).fill(String(QUANTITY));
  await card.getByRole('button', { name: `Add ${medicine.name} to cart` }).click();
  await expect(card.getByText(`${QUANTITY} in your cart`)).toBeVisible();
  await expect(page.getByTestId('cart-button')).toHaveText('Cart (1 item)');
  await shot(page, info, '01-shop');

  // The cart asks for the prescription; a photo of it is uploaded and chosen.
  await page.getByTestId('cart-button').click();
  await expect(page.getByRole('heading', { name: 'Cart', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Prescription' })).toBeVisible();
  const file = `prescription-${info.project.name}.png`;
  await page.getByRole('button', { name: /^Place order/ }).click();
  await expect(page.getByText('Upload or choose the prescription for these medicines.')).toBeVisible();
  await page.locator('input[type="file"]').setInputFiles({
    name: file,
    mimeType: 'image/png',
    buffer: prescriptionPng(),
  });
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByRole('radio', { name: file }).first()).toBeChecked();
  await shot(page, info, '02-cart');
  await page.getByRole('button', { name: /^Place order/ }).click();

  // The order is placed and waits for the pharmacist.
  await expect(page).toHaveURL(/\/app\/my-orders\/[0-9a-f-]{36}$/);
  const orderUrl = page.url();
  const title = page.getByRole('heading', { name: /^Order ORD-\d+$/, level: 1 });
  await expect(title).toBeVisible();
  const number = (await title.innerText()).replace('Order ', '').trim();
  await expect(page.getByTestId('order-status')).toHaveText('Awaiting verification');
  await expect(page.getByTestId('order-next')).toContainText(`A pharmacist at ${HOSPITAL}`);
  await expect(page.getByTestId('order-line')).toContainText(medicine.name);
  await expect(page.getByTestId('order-line')).toContainText(`${QUANTITY} ×`);

  // The pharmacist finds it in the queue of orders to verify.
  await openNav(pharmacist, 'Online orders');
  await expect(pharmacist.getByRole('heading', { name: 'Online orders', level: 1 })).toBeVisible();
  const queued = pharmacist.getByTestId('data-row').filter({ hasText: number });
  await expect(queued).toContainText('Rahul Verma');
  await expect(queued.getByTestId('order-status')).toHaveText('Awaiting verification');
  // Whole, and inside its row: on a phone the row is a card half of whose width is the status.
  await expectNotTruncated(queued.getByTestId('order-status'));
  await expectInside(queued.getByTestId('order-status'), '[data-testid="data-row"]');
  await shot(pharmacist, info, '03-queue');
  await queued.getByRole('link', { name: number }).click();

  // Reads the prescription: the uploaded image itself, shown in the browser.
  await expect(pharmacist.getByRole('heading', { name: `Order ${number}`, level: 1 })).toBeVisible();
  await pharmacist.getByRole('button', { name: 'Open prescription' }).click();
  const viewer = pharmacist.getByRole('dialog');
  const image = viewer.getByRole('img', { name: `Prescription: ${file}` });
  await expect(image).toBeVisible();
  await expectAccessible(pharmacist, 'the prescription viewer');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
  await shot(pharmacist, info, '04-prescription');
  await pharmacist.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // Approves, then dispenses: the batches it was taken from are shown.
  await pharmacist.getByRole('button', { name: 'Approve' }).click();
  await expect(pharmacist.getByText(`Order ${number} approved.`)).toBeVisible();
  await expect(pharmacist.getByTestId('order-status')).toHaveText('Approved');
  await pharmacist.getByRole('button', { name: 'Dispense and mark ready' }).click();
  await expect(pharmacist.getByText(`Order ${number} dispensed and ready.`, { exact: false })).toBeVisible();
  await expect(pharmacist.getByTestId('order-status')).toHaveText('Ready');
  await expect(pharmacist.getByTestId('order-line')).toContainText('Dispensed from');
  await expect(pharmacist.getByTestId('order-history')).toContainText('Dispensed and ready');
  await shot(pharmacist, info, '05-dispensed');

  // The stock on hand dropped by what was dispensed, and the ledger says so.
  await openMedicine(pharmacist, medicine.brand);
  await expect.poll(() => onHand(pharmacist)).toBe(before - QUANTITY);
  const ledger = pharmacist
    .getByRole('table', { name: 'Stock movements' })
    .or(pharmacist.getByRole('list', { name: 'Stock movements' }));
  await expect(ledger.getByTestId('data-row').first()).toContainText('Dispensed');
  await expect(ledger.getByTestId('data-row').first()).toContainText(`−${QUANTITY}`);

  // The patient reads that it is ready to collect.
  await page.goto(orderUrl);
  await expect(page.getByTestId('order-status')).toHaveText('Ready');
  await expect(page.getByTestId('order-next')).toHaveText(
    `Your order is ready. Pick it up at the pharmacy of ${HOSPITAL}.`,
  );
  await expect(page.getByTestId('order-history')).toContainText('Approved by the pharmacist');
  await expect(page.getByTestId('order-history')).toContainText('Dispensed and ready');
  await shot(page, info, '06-ready');
  const own = (await (await page.request.get(`/api/shop/orders/${orderUrl.split('/').pop()}`)).json()) as {
    placedAt: string;
    timeZone: string;
  };
  const placedThere = new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: own.timeZone,
  }).format(new Date(own.placedAt));
  expect(own.timeZone).toBe('Asia/Kolkata');
  await expect(page.getByTestId('order-facts')).toContainText(placedThere);
  await page.goto('/app/my-orders');
  const mine = page.getByTestId('data-row').filter({ hasText: number });
  await expect(mine.getByTestId('order-status')).toHaveText('Ready');
  await expect(mine).toContainText(placedThere);
  await expectInside(mine.getByTestId('order-status'), '[data-testid="data-row"]');

  // The notices arrive: by e-mail, and in the app (delivered by a background job).
  const mail = await waitForMail(demoEmail('patient'), new RegExp(`^Order ${number} is ready$`));
  expect(mail.text).toContain(`Your order ${number} is ready to collect at the pharmacy counter.`);
  // The list is read when the page opens: open it again until the notice is there. The notice of
  // the order being received came first, so once any notice shows, the list has loaded.
  const notice = page.getByTestId('notice').filter({ hasText: `Order ${number} is ready` });
  await expect(async () => {
    await page.goto('/app/notifications');
    await expect(page.getByTestId('notice').first()).toBeVisible();
    await expect(notice).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(notice).toContainText('Bring your ID.');
  await expect(page.getByTestId('notice').filter({ hasText: `Order ${number} approved` })).toBeVisible();
  await expect(page.getByTestId('notice').filter({ hasText: `Order ${number} received` })).toBeVisible();
  await shot(page, info, '07-notices');
  // Its link opens the order.
  await notice.getByRole('link', { name: 'Open' }).click();
  await expect(page).toHaveURL(orderUrl);
  await expect(page.getByTestId('order-status')).toHaveText('Ready');
  await pharmacist.context().close();
});
