import { expect, test } from '@playwright/test';
import { demoEmail, openNav, signIn, snap, unique, waitForMail } from './support/helpers';
import { expectAccessible } from './support/axe';

test('a hospital admin invites a nurse, who accepts; the admin adds a department and reads the audit log', async ({
  page,
  browser,
}, info) => {
  const email = `nurse-${unique()}@example.org`;
  const department = `Neonatology ${unique()}`;

  await signIn(page, demoEmail('cgh.admin'));
  await openNav(page, 'Staff');
  await page.getByRole('button', { name: 'Invite someone' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite someone' });
  await expect(invite).toBeVisible();
  await expectAccessible(page, 'the invitation dialog');
  await invite.getByLabel('Email address').fill(email);
  await invite.getByLabel('Role').click();
  await page.getByRole('option', { name: 'Nurse' }).click();
  await snap(page, info, '01-invite');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await expect(page.getByTestId('invitation-row').filter({ hasText: email })).toBeVisible();
  await snap(page, info, '02-invited');

  // The invitee follows the mailed link in their own browser and creates an account.
  const link = /(http\S+\/invitations\/accept\?token=\S+)/.exec(
    (await waitForMail(email, /invited/i)).text,
  )![1]!;
  const invitee = await browser.newContext({ viewport: page.viewportSize()! });
  const other = await invitee.newPage();
  await other.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await other.getByLabel('Full name').fill('Nirmala Joseph');
  await other.getByLabel('Choose a password').fill('Lantern-river-pebble-31');
  await snap(other, info, '03-accept');
  await other.getByRole('button', { name: 'Create account and accept' }).click();
  await expect(other.getByText('you are now Nurse at City General Hospital')).toBeVisible();
  await invitee.close();

  await page.reload();
  // Other journeys add staff to the same hospital: find the new nurse as an admin would, by email.
  await page.getByRole('textbox', { name: 'Search staff' }).fill(email);
  await expect(page.getByTestId('data-row').filter({ hasText: email })).toContainText('Nirmala Joseph');
  await expect(page.getByTestId('data-row').filter({ hasText: email })).toContainText('Nurse');
  await expect(page.getByTestId('invitation-row').filter({ hasText: email })).toHaveCount(0);
  await snap(page, info, '04-staff');

  await openNav(page, 'Departments');
  await page.getByRole('button', { name: 'Add department' }).click();
  const add = page.getByRole('dialog', { name: 'Add department' });
  await expect(add).toBeVisible();
  await expectAccessible(page, 'the new department dialog');
  await add.getByLabel('Name').fill(department);
  await add.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('data-row').filter({ hasText: department })).toContainText('Active');
  await snap(page, info, '05-departments');

  await openNav(page, 'Audit log');
  await page.getByLabel('Action', { exact: true }).fill('department.created');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('data-row').first()).toContainText('Vikram Desai');
  await snap(page, info, '06-audit');
});
