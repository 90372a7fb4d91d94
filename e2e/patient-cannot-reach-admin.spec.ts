import { expect, test } from '@playwright/test';
import { demoEmail, showNav, signIn, snap } from './support/helpers';

// What the app shell asks for on every page, about the signed-in person only (who they are, their
// own unread notices). Anything else requested on a forbidden page would be that page's data.
const SHELL_REQUESTS = new Set(['/api/auth/session', '/api/notifications/unread-count']);

test('a patient typing admin addresses gets the not-found page and no data', async ({ page }, info) => {
  await signIn(page, demoEmail('patient'));
  await expect(page.getByTestId('own-record')).toBeVisible();
  await snap(page, info, '01-dashboard');

  // The navigation offers only what a patient may use.
  const nav = await showNav(page);
  await expect(nav.getByRole('link', { name: 'My record' })).toBeVisible();
  for (const hidden of ['Patients', 'Staff', 'Doctors', 'Departments', 'Hospitals', 'Audit log']) {
    await expect(nav.getByRole('link', { name: hidden })).toHaveCount(0);
  }
  await snap(page, info, '02-navigation');

  let step = 3;
  for (const path of [
    '/app/staff',
    '/app/audit',
    '/app/patients',
    '/app/doctors?status=pending',
    '/app/hospitals',
    '/app/erasure-requests',
  ]) {
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/') && !SHELL_REQUESTS.has(url.pathname)) apiCalls.push(r.url());
    });
    await page.goto(path);
    await expect(page.getByTestId('not-found')).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.getByTestId('data-row')).toHaveCount(0);
    expect(apiCalls, `no data requested on ${path}`).toEqual([]);
    await snap(page, info, `0${step++}-${path.split('/')[2]!.split('?')[0]}`);
  }
});
