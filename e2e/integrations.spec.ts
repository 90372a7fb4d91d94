import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { demoEmail, openNav, signIn, snap } from './support/helpers';
import { expectNoSidewaysScroll } from './support/layout';

// The Integrations page of a hospital admin: the REST API's docs, and the FHIR R4 API read from its
// CapabilityStatement: the base URL, how to sign in (a curl example in the admin's hospital) and
// the resource types with their search parameters. On a desktop and a phone.
test('a hospital admin finds the REST docs and the FHIR R4 API with its resource types', async ({
  page,
}, info) => {
  await signIn(page, demoEmail('cgh.admin'));
  const me = (await (await page.request.get('/api/auth/me')).json()) as { activeHospitalId: string };
  await openNav(page, 'Integrations');
  await expect(page).toHaveURL(/\/app\/integrations$/);
  await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible();

  // The REST API: its interactive docs and the OpenAPI document, each in a new tab.
  const rest = page.getByTestId('rest-api');
  await expect(rest.getByRole('link', { name: /^Interactive API docs/ })).toHaveAttribute(
    'href',
    '/api/docs',
  );
  await expect(rest.getByRole('link', { name: /^OpenAPI document/ })).toHaveAttribute(
    'href',
    '/api/openapi.json',
  );

  // The FHIR API: its base URL (this server's), version and a curl example in the admin's hospital.
  const fhir = page.getByTestId('fhir-api');
  await expect(fhir.getByTestId('fhir-base-url')).toHaveText(/^http\S+\/fhir\/R4$/);
  await expect(fhir.getByTestId('fhir-version')).toHaveText('4.0.1');
  await expect(fhir.getByRole('button', { name: 'Copy Base URL' })).toBeVisible();
  const curl = fhir.getByTestId('fhir-curl');
  await expect(curl).toContainText('/api/auth/token');
  await expect(curl).toContainText('/fhir/R4/Patient?name=');
  await expect(curl).toContainText(`X-Hospital-Id: ${me.activeHospitalId}`);
  await expect(fhir).toContainText(
    'X-Hospital-Id is that of City General Hospital, the hospital you are working in',
  );

  // The resource types: at least Patient, searched by name.
  const patient = fhir
    .getByTestId('data-row')
    .filter({ has: page.getByTestId('fhir-type').getByText('Patient', { exact: true }) });
  await expect(patient).toHaveCount(1);
  const name = patient
    .getByTestId('fhir-search-param')
    .filter({ has: page.getByText('name', { exact: true }) });
  await expect(name).toHaveCount(1);
  await expect(name).toContainText('Any part of the name');

  await expectNoSidewaysScroll(page.locator('main'));
  await expectAccessible(page, 'the integrations page');
  await snap(page, info, '1-integrations');
});
