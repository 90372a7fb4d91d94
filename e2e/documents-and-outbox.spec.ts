import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { demoEmail, openNav, signIn, snap, unique } from './support/helpers';
import { expectAccessible } from './support/axe';

/** The smallest well-formed PDF: one empty page. */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A UUIDv7 like the ones the server names outbox files with (time first, so it sorts newest). */
function uuidv7(): string {
  const hex = Date.now().toString(16).padStart(12, '0') + crypto.randomBytes(10).toString('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The browser tests send mail through a real SMTP server, so nothing lands in the outbox on its
 * own: put one message there as the embedded mode would have written it. Its HTML carries a
 * script that must never run.
 */
function writeOutboxMail(subject: string): void {
  const dir = path.join(process.env.E2E_DATA_DIR!, 'mail');
  fs.mkdirSync(dir, { recursive: true });
  const boundary = `b-${unique()}`;
  const eml = [
    'From: Hospitium <no-reply@hospitium.test>',
    'To: asha.rao@example.org',
    `Subject: ${subject}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Your appointment is confirmed for Monday at 10:30.',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Your appointment is <strong>confirmed</strong> for Monday at 10:30.</p>',
    '<script>parent.document.title = "hijacked"</script>',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  fs.writeFileSync(path.join(dir, `${uuidv7()}.eml`), eml);
}

test('a receptionist attaches a PDF to a patient, and a renamed text file is refused', async ({
  page,
}, info) => {
  const title = `Blood count ${unique()}`;
  await signIn(page, demoEmail('receptionist'));
  // Found by a search, as the desk would: other journeys register patients meanwhile, and those
  // pushed the demo patient off the list's first page in a run with a retry (2026-12-05).
  await openNav(page, 'Patients');
  await page.getByRole('searchbox', { name: 'Search patients' }).fill('Rahul Verma');
  await page.getByRole('link', { name: 'Rahul Verma' }).first().click();
  await expect(page.getByRole('heading', { name: 'Rahul Verma', level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await expect(page.getByRole('heading', { name: 'Documents', level: 2 })).toBeVisible();

  // A text file renamed to .pdf: judged by its content, refused in plain words, nothing listed.
  const fileInput = page.locator('input[type="file"]');
  await fileInput.setInputFiles({
    name: 'results.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('These are not really lab results.\n'),
  });
  await page.getByRole('button', { name: 'Upload document' }).click();
  await expect(page.getByRole('alert')).toContainText('This file is not a PDF, JPEG or PNG');
  await snap(page, info, '01-refused');

  await fileInput.setInputFiles({
    name: 'blood-count.pdf',
    mimeType: 'application/pdf',
    buffer: minimalPdf(),
  });
  await page.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Lab report' }).click();
  await page.getByLabel('Title (optional)').fill(title);
  await page.getByRole('button', { name: 'Upload document' }).click();
  await expect(page.getByText('Document uploaded.')).toBeVisible();
  const row = page.getByTestId('data-row').filter({ hasText: title });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Lab report');
  await expect(row).toContainText('blood-count.pdf');
  await snap(page, info, '02-listed');

  // The download link hands over the very bytes, as an attachment.
  const link = row.getByRole('link', { name: `Download ${title}` });
  const response = await page.request.get((await link.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-disposition']).toMatch(/^attachment/);
  expect((await response.body()).equals(minimalPdf())).toBe(true);
});

test('the platform admin reads a message in the outbox, its HTML kept in a sandbox', async ({
  page,
}, info) => {
  const subject = `Appointment confirmed ${unique()}`;
  writeOutboxMail(subject);
  await signIn(page, demoEmail('admin'));
  await openNav(page, 'Failed jobs');
  await expect(page.getByRole('heading', { name: 'Failed jobs', level: 1 })).toBeVisible();
  await snap(page, info, '02-failed-jobs');

  await openNav(page, 'Delivery log');
  await expect(page.getByRole('heading', { name: 'Delivery log', level: 1 })).toBeVisible();
  const filtered = page.waitForResponse(
    (r) => r.url().includes('/api/notifications/deliveries?') && r.url().includes('channel=email') && r.ok(),
  );
  await page.getByRole('combobox', { name: 'Channel' }).click();
  await page.getByRole('option', { name: 'Email' }).click();
  await filtered;
  await snap(page, info, '03-delivery-log');

  await openNav(page, 'Outbox');
  await expect(page.getByRole('heading', { name: 'Outbox', level: 1 })).toBeVisible();
  const row = page.getByTestId('data-row').filter({ hasText: subject });
  await expect(row).toContainText('asha.rao@example.org');
  await snap(page, info, '04-outbox');

  await row.getByRole('button', { name: `Open message ${subject}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('outbox-headers')).toContainText('no-reply@hospitium.test');
  const frame = dialog.getByTestId('outbox-html');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator('[data-testid="outbox-html"]').getByText('confirmed')).toBeVisible();
  expect(await page.title()).not.toBe('hijacked');
  await expectAccessible(page, 'the outbox message dialog');
  await snap(page, info, '05-message-html', { settled: true }); // the frame's text is in (above)

  await dialog.getByRole('tab', { name: 'Plain text' }).click();
  await expect(dialog.getByTestId('outbox-text')).toContainText('Your appointment is confirmed for Monday');
  await snap(page, info, '06-message-text', { settled: true }); // the frame is still on the page
});
