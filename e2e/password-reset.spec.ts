import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, demoEmail, snap, waitForMail } from './support/helpers';

// Each screen size resets a different demo account, so the two runs never race over one password.
const ACCOUNT: Record<string, string> = { desktop: 'lab', phone: 'procurement' };

test('a demo user resets a forgotten password by the mailed link and signs in with the new one', async ({
  page,
}, info) => {
  const email = demoEmail(ACCOUNT[info.project.name] ?? 'lab');
  const newPassword = `Lantern-monsoon-${info.project.name}-83`;

  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('link', { name: 'Forgot your password?' }).click();

  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  // The address typed on the sign-in page comes along.
  await expect(page.getByLabel('Email address')).toHaveValue(email);
  await snap(page, info, '01-forgot');
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('If this address has an account');
  await snap(page, info, '02-sent');

  const mail = await waitForMail(email, /Reset your Hospitium password/);
  const link = /https?:\/\/\S+\/reset-password\?token=[^\s)>\]]+/.exec(mail.text)?.[0];
  expect(link, 'the mail carries a reset link').toBeTruthy();

  await page.goto(link!);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  // Too short: the contract's rule, shown before anything is sent.
  await page.getByLabel(/^New password/).fill('short');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('At least 10 characters', { exact: true })).toBeVisible();
  // Long enough but too common: the server's WEAK_PASSWORD message sits next to the field.
  await page.getByLabel(/^New password/).fill('password123');
  await page.getByLabel(/^Repeat the new password/).fill('password123');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('This password is too common.')).toBeVisible();
  // The two entries must agree.
  await page.getByLabel(/^New password/).fill(newPassword);
  await page.getByLabel(/^Repeat the new password/).fill(`${newPassword}x`);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('The two passwords are not the same.')).toBeVisible();
  await page.getByLabel(/^Repeat the new password/).fill(newPassword);
  await snap(page, info, '03-new-password');
  await page.getByRole('button', { name: 'Set new password' }).click();

  await expect(page.getByRole('heading', { name: 'Your password was changed' })).toBeVisible();
  await snap(page, info, '04-done');

  // The link works once: opening it again and submitting says so clearly.
  await page.goto(link!);
  await page.getByLabel(/^New password/).fill(`${newPassword}-again`);
  await page.getByLabel(/^Repeat the new password/).fill(`${newPassword}-again`);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await snap(page, info, '05-link-used');
  await page.getByRole('link', { name: 'Back to sign in' }).click();

  // The old password is refused; the new one signs in.
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').or(page.locator('.mantine-InputWrapper-error'))).toBeVisible();
  await page.getByLabel(/^Password/).fill(newPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/app$/);
  await snap(page, info, '06-signed-in');
});
