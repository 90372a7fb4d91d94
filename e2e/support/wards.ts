import { expect, type APIRequestContext } from '@playwright/test';
import { apiSignIn } from './helpers';

export interface WardSetup {
  patient: { id: string; name: string };
  beds: [string, string];
  /** The beds' ids, in the order of `beds`. */
  bedIds: [string, string];
  medicine: { id: string; name: string; batchNumber: string };
}

/**
 * As the CGH admin: a ward (`Ward <tag>` unless named) on the general ward's store with two beds, a
 * patient, a medicine in that store.
 */
export async function setUpWard(
  request: APIRequestContext,
  tag: string,
  wardName = `Ward ${tag}`,
): Promise<WardSetup> {
  const { csrfToken } = await apiSignIn(request, 'cgh.admin');
  const send = async <T>(url: string, data: object): Promise<T> => {
    const res = await request.post(url, { data, headers: { 'x-csrf-token': csrfToken } });
    expect(res.status(), `POST ${url}: ${await res.text()}`).toBe(201);
    return (await res.json()) as T;
  };
  try {
    const stores = (await (await request.get('/api/stores')).json()) as {
      items: { id: string; name: string; kind: string }[];
    };
    const store = stores.items.find((s) => s.name === 'General Ward store')!;
    const batches = (await (
      await request.get('/api/stock/batches', { params: { storeId: store.id, limit: 100 } })
    ).json()) as {
      items: {
        medicineId: string;
        medicineName: string;
        batchNumber: string;
        onHand: number;
        expiry: string;
      }[];
    };
    const batch = batches.items.find((b) => b.onHand >= 5 && b.expiry === 'ok');
    expect(batch, 'the general ward store holds a medicine in date').toBeTruthy();
    const ward = await send<{ id: string }>('/api/wards', {
      name: wardName,
      kind: 'general',
      storeId: store.id,
    });
    const room = await send<{ id: string }>('/api/wards/rooms', { wardId: ward.id, name: 'Room 1' });
    const beds: string[] = [];
    const bedIds: string[] = [];
    for (const n of [1, 2]) {
      const label = `${tag}-${n}`;
      const bed = await send<{ id: string }>('/api/wards/beds', {
        roomId: room.id,
        label,
        bedType: 'standard',
        dailyRateMinor: 150_000,
      });
      beds.push(label);
      bedIds.push(bed.id);
    }
    const patient = await send<{ id: string; givenName: string; familyName: string }>('/api/patients', {
      givenName: 'Lakshmi',
      familyName: `Raman ${tag}`,
      dateOfBirth: '1961-08-14',
      sex: 'female',
      confirmNotDuplicate: true,
    });
    return {
      patient: { id: patient.id, name: `Lakshmi Raman ${tag}` },
      beds: beds as [string, string],
      bedIds: bedIds as [string, string],
      medicine: { id: batch!.medicineId, name: batch!.medicineName, batchNumber: batch!.batchNumber },
    };
  } finally {
    await request.post('/api/auth/sign-out', { headers: { 'x-csrf-token': csrfToken } });
  }
}
