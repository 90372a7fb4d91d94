// A visitor's browser console stays clean: no failed request, no script error, on the pages anyone
// can open and on a signed-in dashboard. The landing page once asked /api/auth/me first, and its 401
// for every visitor was a failed request in the console of everyone who opened the site.
import { expect, test } from '@playwright/test';
import { consoleErrors, demoEmail, signIn, snap } from './support/helpers';

test('the pages anyone can open leave the console clean', async ({ page }, info) => {
  const errors = consoleErrors(page);
  await page.goto('/');
  await expect(page.getByRole('link', { name: /sign in/i }).first()).toBeVisible();
  await snap(page, info, '01-landing');
  await page.goto('/sign-in');
  await expect(page.getByLabel('Email address')).toBeVisible();
  await page.goto('/doctors');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await snap(page, info, '02-directory');
  await page.goto('/forgot-password');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
});

for (const login of ['receptionist', 'patient'] as const) {
  test(`the ${login}'s dashboard leaves the console clean, from the landing page on`, async ({
    page,
  }, info) => {
    const errors = consoleErrors(page);
    await page.goto('/');
    await signIn(page, demoEmail(login));
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeAttached();
    await page.waitForLoadState('networkidle');
    await snap(page, info, `01-${login}-dashboard`);
    // Reloading asks who is signed in again, with the cookie this time.
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeAttached();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  });
}
