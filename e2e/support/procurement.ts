// What the procurement journey sets up through the API, so each run (and each project, side by
// side on one server) works a medicine and a supplier of its own: a new medicine with no stock at
// all, under its reorder level in every store, and a supplier who is its preferred source at a
// price that puts an order of 20 packs above City General's approval threshold.
import { expect, type APIRequestContext, type Browser, type Page, type TestInfo } from '@playwright/test';
import { apiSignIn } from './helpers';

export interface ProcurementSetup {
  /** The medicine's brand, as the inventory search finds it. */
  brand: string;
  /** As reorder suggestions name it: "Generic (Brand)". */
  medicineName: string;
  packSize: number;
  supplierName: string;
  /** Per pack, in paise. */
  priceMinor: number;
}

/** A person of their own (cookies apart) on this project's screen: a phone or a desktop. */
export async function personPage(
  browser: Browser,
  info: TestInfo,
  baseURL: string,
  o: { timezoneId?: string } = {},
): Promise<Page> {
  const { viewport, isMobile, hasTouch, deviceScaleFactor } = info.project.use;
  const context = await browser.newContext({
    baseURL,
    viewport,
    isMobile,
    hasTouch,
    deviceScaleFactor,
    ...o,
  });
  return context.newPage();
}

/**
 * The medicine and its supplier, made by City General's admin on `request` (signed out again
 * after, as newStaffMember expects to find it).
 */
export async function setUpProcurement(request: APIRequestContext, tag: string): Promise<ProcurementSetup> {
  const { csrfToken } = await apiSignIn(request, 'cgh.admin');
  const send = async <T>(method: 'POST' | 'PUT', url: string, data: object, status: number): Promise<T> => {
    const res = await request.fetch(url, { method, data, headers: { 'x-csrf-token': csrfToken } });
    expect(res.status(), `${method} ${url}: ${await res.text()}`).toBe(status);
    return (await res.json()) as T;
  };
  try {
    const settings = (await (await request.get('/api/procurement/settings')).json()) as {
      approvalThresholdMinor: number;
    };
    const generic = `Procurazole ${tag}`;
    const brand = `Procura ${tag}`;
    const medicine = await send<{ id: string; packSize: number }>(
      'POST',
      '/api/medicines',
      {
        genericName: generic,
        brandName: brand,
        form: 'tablet',
        strength: '20 mg',
        dispensingUnit: 'tablet',
        packSize: 10,
        reorderLevel: 200,
        salePriceMinor: 450,
      },
      201,
    );
    const supplierName = `Deccan Pharma ${tag}`;
    const supplier = await send<{ id: string }>(
      'POST',
      '/api/suppliers',
      {
        name: supplierName,
        email: `orders-${tag}@example.org`,
        leadTimeDays: 4,
        paymentTerms: '30 days net',
      },
      201,
    );
    // Twenty packs come to the threshold and a little more: the order waits for an admin.
    const priceMinor = Math.ceil(settings.approvalThresholdMinor / 20) + 100;
    await send(
      'PUT',
      `/api/suppliers/${supplier.id}/items/${medicine.id}`,
      { lastPriceMinor: priceMinor, preferred: true },
      200,
    );
    return {
      brand,
      medicineName: `${generic} (${brand})`,
      packSize: medicine.packSize,
      supplierName,
      priceMinor,
    };
  } finally {
    await request.post('/api/auth/sign-out', { headers: { 'x-csrf-token': csrfToken } });
  }
}

/** The last day of the month two years from now, as a date box takes it and as a table shows it. */
export function expiryIn2Years(): { typed: string; shown: string } {
  const now = new Date();
  const end = new Date(Date.UTC(now.getUTCFullYear() + 2, now.getUTCMonth() + 1, 0));
  const month = end.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return {
    typed: `${end.getUTCDate()} ${month} ${end.getUTCFullYear()}`,
    shown: `${month} ${end.getUTCDate()}, ${end.getUTCFullYear()}`,
  };
}
