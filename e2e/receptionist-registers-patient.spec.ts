import { expect, test } from '@playwright/test';
import { demoEmail, openNav, signIn, snap } from './support/helpers';

/** A made-up given name unlikely to exist twice: consonant-vowel syllables. */
function inventedName(): string {
  const c = 'bdfgklmnprstvz';
  const v = 'aeiou';
  let s = '';
  for (let i = 0; i < 4; i++)
    s += c[Math.floor(Math.random() * c.length)]! + v[Math.floor(Math.random() * v.length)]!;
  return s[0]!.toUpperCase() + s.slice(1);
}

test('a receptionist registers a patient and finds them by a misspelt name', async ({ page }, info) => {
  const given = inventedName();
  const family = 'Wojciechowska';
  // Two letters swapped in the given name, one dropped from the family name.
  const misspelt = `${given[0]}${given[2]}${given[1]}${given.slice(3)} Wojciechowka`;

  await signIn(page, demoEmail('receptionist'));
  await expect(page.getByTestId('card-registrationsToday')).toBeVisible();
  await snap(page, info, '01-dashboard');

  await openNav(page, 'Patients');
  await expect(page.getByRole('heading', { name: 'Patients', level: 1 })).toBeVisible();
  await snap(page, info, '02-patients');
  await page.getByRole('link', { name: 'Register patient' }).first().click();

  await expect(page.getByRole('heading', { name: 'Register a patient' })).toBeVisible();
  await page.getByLabel('Given name').fill(given);
  await page.getByLabel('Family name').fill(family);
  // A birth date of its own, so two runs at once never look like duplicates of each other.
  await page
    .getByLabel('Date of birth')
    .fill(`1979-11-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`);
  await page.getByLabel('Phone', { exact: true }).fill('98123');
  await page.getByRole('button', { name: 'Register patient' }).click();
  // The server's field error, next to its field.
  await expect(
    page.getByText('Must be a phone number in international form', { exact: false }),
  ).toBeVisible();
  await page.getByLabel('Phone', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Add allergy' }).click();
  await page.getByLabel('Substance').fill('Penicillin');
  // A condition added by mistake is taken out again before saving.
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel(/^Condition/).fill('Asthma');
  await page.getByRole('button', { name: 'Remove condition 1' }).click();
  await expect(page.getByText('No conditions added.')).toBeVisible();
  await snap(page, info, '03-register-form');
  await page.getByRole('button', { name: 'Register patient' }).click();

  await expect(page.getByText(/Patient registered with MRN/)).toBeVisible();
  await expect(page.getByRole('heading', { name: `${given} ${family}` })).toBeVisible();
  const mrn = (await page.getByTestId('patient-mrn').textContent())!.replace('MRN', '').trim();
  await expect(page.getByText('Penicillin').first()).toBeVisible();
  await expect(page.getByText('Asthma')).toHaveCount(0);
  await snap(page, info, '04-patient');

  await openNav(page, 'Patients');
  // The unfiltered list, newest first, holds the person just registered; and someone unrelated whom
  // the search must leave out (taken from the page: the journeys before this one register enough
  // people to push any given demo patient off the first page).
  await expect(page.getByRole('link', { name: `${given} ${family}` })).toBeVisible();
  const listed = await page.getByTestId('data-row').getByRole('link').allInnerTexts();
  const unrelated = listed.map((n) => n.trim()).find((n) => !n.includes(family));
  expect(unrelated, 'an unrelated patient on the first page').toBeTruthy();
  const searched = page.waitForResponse(
    (r) => r.url().includes('/api/patients?') && r.url().includes('q=') && r.ok(),
  );
  await page.getByTestId('patient-search').fill(misspelt);
  await searched;
  // The search narrowed the list (the unrelated patient is gone), and ranks the person first.
  await expect(page.getByRole('link', { name: unrelated!, exact: true })).toHaveCount(0);
  const hit = page.getByRole('link', { name: `${given} ${family}` });
  await expect(page.getByTestId('data-row').first()).toContainText(`${given} ${family}`);
  await expect(page.getByTestId('data-row').first()).toContainText(mrn);
  await snap(page, info, '05-search-misspelt');
  await hit.click();
  await expect(page.getByRole('heading', { name: `${given} ${family}` })).toBeVisible();
});
