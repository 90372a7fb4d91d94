// The people of an outpatient day, made through the API so each journey has its own: a doctor
// approved at City General with consulting hours today, and a patient with an account.
import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { apiSignIn, applyAsDoctor, unique, waitForMail } from './helpers';

/** The password applyAsDoctor gives every doctor it signs up. */
const DOCTOR_PASSWORD = 'Stethoscope-lantern-42';

export interface Account {
  email: string;
  password: string;
  fullName: string;
}

export interface BookableDoctor extends Account {
  /** The doctor's profile id, as bookings and availability name it. */
  doctorId: string;
  /** City General's time zone and queue-screen code, read from the API. */
  timeZone: string;
  hospitalCode: string;
}

/** The local date (YYYY-MM-DD), ISO weekday (1 = Monday) and minutes since midnight at `now` in `timeZone`. */
export function localClock(
  timeZone: string,
  now = new Date(),
): { date: string; weekday: number; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** An API session of City General's admin, apart from the test's own request context. */
async function asCghAdmin(
  baseURL: string,
): Promise<{ api: APIRequestContext; csrf: string; hospitalId: string }> {
  const api = await playwrightRequest.newContext({ baseURL });
  const me = await apiSignIn(api, 'cgh.admin');
  return { api, csrf: me.csrfToken, hospitalId: me.activeHospitalId };
}

/** The fee each journey's doctor charges (INR 650.00), unless the department's fee replaces it. */
export const CONSULTATION_FEE_MINOR = 65_000;

/**
 * A doctor of City General of their own: applies, is approved by the admin, and is given
 * consulting hours for the whole of today (local to the hospital) in 5-minute slots, so the first
 * free slot is minutes away and falls on today, the only day a patient can be checked in.
 */
export async function newBookableDoctor(
  request: APIRequestContext,
  baseURL: string,
  fullName: string,
): Promise<BookableDoctor> {
  const email = await applyAsDoctor(request, 'City General Hospital', fullName);
  const { api, csrf, hospitalId } = await asCghAdmin(baseURL);
  try {
    const found = await api.get('/api/doctors', { params: { status: 'pending', q: fullName } });
    expect(found.ok(), await found.text()).toBe(true);
    const profile = ((await found.json()) as { items: { id: string; fullName: string }[] }).items.find(
      (d) => d.fullName === fullName,
    );
    expect(profile, `${fullName} waits for approval`).toBeTruthy();
    const approved = await api.post(`/api/doctors/${profile!.id}/approve`, {
      headers: { 'x-csrf-token': csrf },
    });
    expect(approved.status(), await approved.text()).toBe(200);
    // A fee of their own, so a closed consultation leaves a bill at the front desk.
    const fee = await api.patch(`/api/doctors/${profile!.id}`, {
      headers: { 'x-csrf-token': csrf },
      data: { consultationFeeMinor: CONSULTATION_FEE_MINOR },
    });
    expect(fee.status(), await fee.text()).toBe(200);

    const hospital = (await (await api.get(`/api/hospitals/${hospitalId}`)).json()) as {
      code: string;
      timeZone: string;
    };
    const today = localClock(hospital.timeZone);
    const hours = await api.post('/api/availability/templates', {
      headers: { 'x-csrf-token': csrf },
      data: {
        doctorId: profile!.id,
        weekday: today.weekday,
        startTime: '00:00',
        endTime: '23:55',
        slotMinutes: 5,
        effectiveFrom: today.date,
      },
    });
    expect(hours.status(), await hours.text()).toBe(201);
    return {
      email,
      password: DOCTOR_PASSWORD,
      fullName,
      doctorId: profile!.id,
      timeZone: hospital.timeZone,
      hospitalCode: hospital.code,
    };
  } finally {
    await api.dispose();
  }
}

/**
 * A patient who signed up with a mailed code, as the sign-up page does it, on a request context of
 * its own (one already signed in, as after applyAsDoctor, is refused a sign-up).
 */
export async function newPatientAccount(baseURL: string, fullName: string): Promise<Account> {
  const email = `patient-${unique()}@example.org`;
  const password = 'Monsoon-tamarind-kite-7';
  const api = await playwrightRequest.newContext({ baseURL });
  try {
    const started = await api.post('/api/auth/sign-up/start', { data: { email } });
    expect(started.status(), await started.text()).toBe(202);
    const code = /\b(\d{6})\b/.exec((await waitForMail(email, /code/i)).subject)![1]!;
    const done = await api.post('/api/auth/sign-up/complete', {
      data: {
        email,
        code,
        password,
        fullName,
        role: 'patient',
        patient: { dateOfBirth: '1990-06-21', sex: 'female' },
      },
    });
    expect(done.status(), await done.text()).toBe(201);
    return { email, password, fullName };
  } finally {
    await api.dispose();
  }
}
