// A patient who has uploaded many prescriptions can still send an old one with an order: the cart
// lists the newest 20 and offers the older ones on request (it used to show the newest 20 only).
import { expect, test } from '@playwright/test';
import { openNav, signIn } from './support/helpers';
import { prescriptionPng } from './support/files';
import { shot } from './support/pharmacy';
import { newPatientAccount } from './support/outpatient';

const MEDICINE = { brand: 'Cepodem 200', name: 'Cefpodoxime 200 mg' };
const HOSPITAL = 'City General Hospital';

test(
  'the cart offers a patient’s older prescriptions beyond the newest 20',
  { tag: ['@desk'] },
  async ({ page, baseURL }, info) => {
    test.setTimeout(120_000);
    const account = await newPatientAccount(baseURL!, 'Farida Khan');
    await signIn(page, account.email, account.password);

    // 21 prescriptions uploaded over time, the first the oldest.
    const me = (await (await page.request.get('/api/auth/me')).json()) as {
      patientId: string;
      csrfToken: string;
    };
    const name = (n: number) => `prescription-${String(n).padStart(2, '0')}.png`;
    for (let n = 1; n <= 21; n++) {
      const res = await page.request.post(`/api/patients/${me.patientId}/documents`, {
        headers: { 'x-csrf-token': me.csrfToken },
        multipart: {
          kind: 'prescription',
          file: { name: name(n), mimeType: 'image/png', buffer: prescriptionPng(40 + n, 32) },
        },
      });
      expect(res.status(), await res.text()).toBe(201);
    }

    // A prescription-only medicine in the cart.
    await openNav(page, 'Order medicines');
    await page.getByRole('combobox', { name: 'Pharmacy of' }).click();
    await page.getByRole('option', { name: new RegExp(`^${HOSPITAL}`) }).click();
    await page.getByRole('searchbox', { name: 'Search medicines' }).fill(MEDICINE.brand);
    const card = page.getByRole('article', { name: MEDICINE.name });
    await expect(card.getByText('Prescription needed')).toBeVisible();
    await card.getByRole('button', { name: `Add ${MEDICINE.name} to cart` }).click();
    await page.getByTestId('cart-button').click();
    await expect(page.getByRole('heading', { name: 'Prescription' })).toBeVisible();

    // The newest 20 first; the oldest only once asked for.
    const group = page.getByRole('radiogroup', { name: 'Your prescriptions' });
    await expect(group.getByRole('radio')).toHaveCount(20);
    await expect(group.getByRole('radio', { name: name(21) })).toBeVisible();
    await expect(group.getByRole('radio', { name: name(1) })).toHaveCount(0);
    await page.getByRole('button', { name: 'Show older prescriptions' }).click();
    await expect(group.getByRole('radio')).toHaveCount(21);
    await group.getByRole('radio', { name: name(1) }).check();
    await expect(group.getByRole('radio', { name: name(1) })).toBeChecked();
    await shot(page, info, '01-older-prescription-chosen');
    // Everything is shown: nothing older to ask for.
    await expect(page.getByRole('button', { name: 'Show older prescriptions' })).toHaveCount(0);
  },
);
