import { expect, test } from '@playwright/test';
import { generate } from 'otplib';
import { demoEmail, signIn, snap, DEMO_PASSWORD } from './support/helpers';
import { expectAccessible } from './support/axe';
import { intranetPage } from './support/intranet';

// Each screen size uses its own demo account: turning on two-factor sign-in changes how it signs in.
const ACCOUNT: Record<string, string> = { desktop: 'pharmacist', phone: 'nurse' };

// On a phone the nurse reaches Hospitium over plain HTTP on the hospital's network (not a secure
// context: no clipboard), at a desk the pharmacist through 127.0.0.1.
test('a demo user turns on two-factor sign-in, signs in with a recovery code and reads the notice', async ({
  page: local,
  browser,
  baseURL,
}, info) => {
  const intranet = info.project.name === 'phone';
  const page = intranet ? await intranetPage(browser, baseURL) : local;
  const email = demoEmail(ACCOUNT[info.project.name] ?? 'pharmacist');
  await signIn(page, email);
  await page.goto('/app/profile');

  const card = page.locator('.mantine-Card-root').filter({ hasText: 'Two-factor sign-in' }).first();
  await expect(card.getByText('Off', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Set up two-factor sign-in' }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await expectAccessible(page, 'the two-factor set-up dialog');
  const secret = (await dialog.getByTestId('totp-secret').innerText()).trim();
  await snap(page, info, '01-set-up');
  // A wrong code is refused next to the field.
  await dialog.getByLabel(/^The 6-digit code/).fill('000000');
  await dialog.getByRole('button', { name: 'Turn on' }).click();
  await expect(dialog.getByRole('heading', { name: 'Set up two-factor sign-in' })).toBeVisible();
  await expect(dialog.locator('.mantine-InputWrapper-error, [role="alert"]').first()).toBeVisible();
  const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
  await dialog.getByLabel(/^The 6-digit code/).fill(code);
  await dialog.getByRole('button', { name: 'Turn on' }).click();

  // The recovery codes, once; the dialog stays until the person says they saved them.
  await expect(dialog.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
  const codes = await dialog.getByTestId('recovery-codes').locator('code').allInnerTexts();
  expect(codes).toHaveLength(10);
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeDisabled();
  // Copying needs the clipboard, which a plain-HTTP page has not; downloading works everywhere.
  await expect(dialog.getByRole('button', { name: 'Copy codes' })).toHaveCount(intranet ? 0 : 1);
  await expect(dialog.getByRole('button', { name: 'Download codes' })).toBeVisible();
  await snap(page, info, '02-recovery-codes');
  await dialog.getByLabel('I have saved my recovery codes somewhere safe').check();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByText('On', { exact: true })).toBeVisible();
  await expect(card.getByText('10 unused recovery codes left.')).toBeVisible();

  // Signing in again asks for a code; a recovery code works in place of the app's.
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByLabel(/^Authenticator code/)).toBeVisible();
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel(/^Recovery code/).fill(codes[0]!);
  await snap(page, info, '03-recovery-sign-in');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/app$/);

  // The "two-factor is on" notice reaches the bell (delivered by a background job).
  const bell = page.getByRole('button', { name: /^Notifications: \d+ unread$/ });
  await expect(async () => {
    await page.reload();
    await expect(bell).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await bell.click();
  await expect(page.getByText('Two-factor sign-in is on', { exact: true }).first()).toBeVisible();
  await snap(page, info, '04-bell');
  await page.getByRole('link', { name: 'See all notifications' }).click();

  await expect(page).toHaveURL(/\/app\/notifications$/);
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Mark all read' }).first().click();
  await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  await expect(page.locator('[data-testid="notice"][data-unread]')).toHaveCount(0);

  // Preferences: switch SMS for appointments off and save; the choice is kept after a reload.
  const sms = page.getByRole('switch', { name: 'Appointments: SMS' });
  await expect(sms).toBeChecked();
  await sms.click({ force: true });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your notification choices are saved.')).toBeVisible();
  await snap(page, info, '05-notifications');
  await page.reload();
  await expect(page.getByRole('switch', { name: 'Appointments: SMS' })).not.toBeChecked();
});
