import { expect, test } from '@playwright/test';
import { snap, unique, waitForMail } from './support/helpers';

test('a patient signs up with a mailed code and lands on their dashboard', async ({ page }, info) => {
  const email = `patient-${unique()}@example.org`;

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your hospital, in one place' })).toBeVisible();
  await expect(page.getByTestId('public-hospital').first()).toBeVisible();
  await snap(page, info, '01-landing');

  await page.getByRole('link', { name: 'Sign in or create an account' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('Email address').fill(email);
  await snap(page, info, '02-email');
  await page.getByRole('button', { name: 'Continue' }).click();

  // The same page for every address: a password to sign in, and a way to create an account.
  await expect(page.getByLabel(/^Password/)).toBeVisible();
  await snap(page, info, '03-password-or-create');
  await page.getByRole('button', { name: 'Create an account' }).click();

  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  const code = /\b(\d{6})\b/.exec((await waitForMail(email, /code/i)).subject)![1]!;
  await page.getByLabel('Digit 1 of 6').pressSequentially(code);
  await snap(page, info, '04-code');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await page.getByLabel('Full name').fill('Meenakshi Raghavan');
  await page.getByLabel('Choose a password').fill('weak');
  await page.getByRole('button', { name: 'Create account' }).click();
  // The contract's own rule, shown next to its field before anything is sent.
  await expect(page.getByText('At least 10 characters', { exact: true })).toBeVisible();
  // Long enough for the contract, refused by the server as too common: its message sits by the field too.
  await page.getByLabel('Choose a password').fill('password123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('This password is too common.')).toBeVisible();
  await page.getByLabel('Choose a password').fill('Monsoon-tamarind-kite-7');
  await page.getByLabel('Date of birth').fill('1988-03-14');
  await snap(page, info, '05-register');
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByRole('heading', { name: 'Hello, Meenakshi' })).toBeVisible();
  const record = page.getByTestId('own-record');
  await expect(record).toContainText('Your record');
  await expect(record).toContainText('Mar 14, 1988');
  // A new patient has nothing booked yet: the scheduling module counts their upcoming appointments.
  await expect(page.getByTestId('card-upcomingAppointments').getByTestId('figure')).toHaveText('0');
  await snap(page, info, '06-dashboard');

  await record.getByRole('link', { name: 'Open your record' }).click();
  await expect(page.getByRole('heading', { name: 'My record' })).toBeVisible();
  await snap(page, info, '07-my-record');
});
