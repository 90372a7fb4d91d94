import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { expect, type APIRequestContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../../server/db/seed/demo-data';

export { DEMO_PASSWORD };
export const demoEmail = (login: string) => `${login}@${DEMO_DOMAIN}`;
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const SHOTS = path.resolve(import.meta.dirname, '../screenshots');

/**
 * Waits until the page's transitions (a dialog fading in) have ended; endless animations (a
 * loader's spin) are not waited for. Ten seconds at most: a transition that long is a fault.
 */
export async function transitionsDone(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (a) => a.playState !== 'running' || !a.effect || a.effect.getComputedTiming().endTime === Infinity,
        ),
    undefined,
    { timeout: 10_000 },
  );
}

/**
 * Saves a full-page screenshot of what the person sees, named by journey, viewport and step, once
 * the network is quiet and transitions have ended. `settled: true` skips the network wait (not the
 * transitions') where the test has already waited for what the shot shows: with a sandboxed
 * `srcdoc` frame on the page, Chromium reports the network idle only after the page's next request
 * (28 s later, at the unread-count poll, measured 2026-12-04 in a trace of the outbox journey).
 */
export async function snap(
  page: Page,
  info: TestInfo,
  step: string,
  opts: { settled?: boolean } = {},
): Promise<void> {
  if (!opts.settled) await page.waitForLoadState('networkidle');
  await transitionsDone(page);
  // Full-page shots are taken from the top, so the fixed header sits where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0));
  const journey = path.basename(info.file, '.spec.ts');
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({
    path: path.join(SHOTS, `${journey}-${info.project.name}-${step}.png`),
    fullPage: true,
    // One image pixel per CSS pixel: at the phone's device scale (2) the 64 shots of three journeys
    // at both sizes took 41.7 s against 32.2 s (one run each, 2026-12-05).
    scale: 'css',
  });
}

/** The newest mail to `to` whose subject matches, as the test SMTP server saved it. */
export async function waitForMail(to: string, subject: RegExp): Promise<{ subject: string; text: string }> {
  const dir = process.env.E2E_MAIL_DIR!;
  let found: { subject: string; text: string } | undefined;
  await expect
    .poll(
      () => {
        const files = fs.existsSync(dir)
          ? fs
              .readdirSync(dir)
              .filter((f) => f.endsWith('.json'))
              .sort()
              .reverse()
          : [];
        for (const f of files) {
          const m = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as {
            to: string[];
            subject: string;
            text: string;
          };
          if (m.to.includes(to.toLowerCase()) && subject.test(m.subject)) {
            found = m;
            return true;
          }
        }
        return false;
      },
      { message: `a mail to ${to} matching ${subject}`, timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** Signs `request` in as a demo account through the API: the session's CSRF token and active hospital. */
export async function apiSignIn(
  request: APIRequestContext,
  login: string,
): Promise<{ csrfToken: string; activeHospitalId: string }> {
  const signedIn = await request.post('/api/auth/sign-in', {
    data: { email: demoEmail(login), password: DEMO_PASSWORD },
  });
  expect(signedIn.status(), `${login} signs in through the API`).toBe(204);
  return (await (await request.get('/api/auth/me')).json()) as {
    csrfToken: string;
    activeHospitalId: string;
  };
}

/**
 * Registers a patient at the active hospital of a demo account, through the API, and signs that
 * account out again. Returns the new patient's id and MRN.
 */
export async function registerPatientThroughApi(
  request: APIRequestContext,
  login: string,
  patient: {
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    sex: 'female' | 'male' | 'other';
    allergies?: { substance: string; reaction?: string; severity?: 'mild' | 'moderate' | 'severe' }[];
  },
): Promise<{ id: string; mrn: string }> {
  const { csrfToken } = await apiSignIn(request, login);
  const made = await request.post('/api/patients', {
    data: { ...patient, confirmNotDuplicate: true },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(made.status(), await made.text()).toBe(201);
  await request.post('/api/auth/sign-out', { headers: { 'x-csrf-token': csrfToken } });
  return (await made.json()) as { id: string; mrn: string };
}

/** Signs in through the page, as a person would: email first, then the password. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/app$/);
}

/** Shows the navigation: on phones and tablets it sits behind the burger (below Mantine's md breakpoint, 992 px). */
export async function showNav(page: Page): Promise<Locator> {
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toBeAttached();
  if ((page.viewportSize()?.width ?? 1366) < 992) {
    await page.getByRole('button', { name: 'Open or close the navigation' }).click();
  }
  // The navigation itself on screen (open), not its first link: a long menu scrolled down to a
  // link near its end the last time keeps that place, with Dashboard above the fold.
  await expect(nav).toBeInViewport();
  return nav;
}

/** Follows a link of the main navigation, as a person on this screen size would. */
export async function openNav(page: Page, name: string): Promise<void> {
  const nav = await showNav(page);
  await nav.getByRole('link', { name }).click();
}

/** A doctor who signed up through the API and waits for approval at the hospital with this code's name. */
export async function applyAsDoctor(
  request: APIRequestContext,
  hospitalName: string,
  fullName: string,
): Promise<string> {
  const email = `dr-${unique()}@example.org`;
  const hospitals = await request.get('/api/public/hospitals');
  expect(hospitals.ok()).toBe(true);
  const hospital = (
    (await hospitals.json()) as { items: { id: string; name: string; departments: { id: string }[] }[] }
  ).items.find((h) => h.name === hospitalName)!;
  expect((await request.post('/api/auth/sign-up/start', { data: { email } })).status()).toBe(202);
  const code = /\b(\d{6})\b/.exec((await waitForMail(email, /code/i)).subject)![1]!;
  const done = await request.post('/api/auth/sign-up/complete', {
    data: {
      email,
      code,
      password: 'Stethoscope-lantern-42',
      fullName,
      role: 'doctor',
      doctor: {
        hospitalId: hospital.id,
        departmentId: hospital.departments[0]?.id,
        specialty: 'Dermatology',
        registrationNumber: `REG-${unique()}`,
      },
    },
  });
  expect(done.status()).toBe(201);
  return email;
}

/**
 * Runs `fn` while no other journey holds the turn named `name`: for journeys that change one setting
 * of the whole demo hospital, which the desktop and phone runs of the same journey would otherwise
 * change under each other's feet. The turn is a folder made atomically (workers are processes).
 */
export async function inTurn<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(os.tmpdir(), `hospitium-e2e-turn-${name}`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A turn older than the deadline was left by a killed run: take it over.
      if (Date.now() - fs.statSync(lock).mtimeMs > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited 2 minutes for the turn ${name}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Every console error and uncaught script error of the page from now on, as text (with the page's
 * address, and the resource's for a failed request): a journey that ends with it empty saw none.
 */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return errors;
}
