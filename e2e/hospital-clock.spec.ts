import { expect, test } from '@playwright/test';
import { demoEmail, inTurn, openNav, signIn, snap } from './support/helpers';

// A hospital admin moves the hospital to another time zone (a clinic set up with the wrong one):
// from the moment it is saved, the times on their screens read on the new clock, without signing
// in again. Riverside's admin does it, in turn with the other journey that changes Riverside's
// settings, and puts the zone back.

// A step that cannot happen fails in half a minute, not at the end of the test's time.
test.use({ actionTimeout: 30_000 });

/** An instant as the app writes it in English, on `timeZone`'s clock. */
const onClock = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));

test("the hospital admin changes the hospital's time zone and the times on screen follow at once", async ({
  page,
}, info) => {
  await inTurn('rvc-ward-billing', async () => {
    await signIn(page, demoEmail('rvc.admin'));
    const me = (await (await page.request.get('/api/auth/me')).json()) as {
      csrfToken: string;
      activeHospitalId: string;
      timeZone: string;
    };
    expect(me.timeZone).toBe('Europe/London');
    try {
      await openNav(page, 'Hospitals');
      await page.getByRole('button', { name: 'Edit Riverside Clinic' }).click();
      const dialog = page.getByRole('dialog');
      const zone = dialog.getByRole('combobox', { name: 'Time zone' });
      await zone.fill('Asia/Dubai');
      await page.getByRole('option', { name: 'Asia/Dubai', exact: true }).click();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog).toBeHidden();

      // The audit log, opened in the same tab: the change itself, on Dubai's clock.
      const [answer] = await Promise.all([
        page.waitForResponse((r) => /\/api\/audit-events(\?|$)/.test(r.url()) && r.ok()),
        openNav(page, 'Audit log'),
      ]);
      const { items } = (await answer.json()) as { items: { action: string; occurredAt: string }[] };
      const change = items.find((e) => e.action === 'hospital.updated');
      expect(change, 'the zone change is in the audit log').toBeDefined();
      await expect(page.getByRole('main')).toContainText(onClock(change!.occurredAt, 'Asia/Dubai'));
      await snap(page, info, '01-audit-log-on-the-new-clock');
    } finally {
      const back = await page.request.patch(`/api/hospitals/${me.activeHospitalId}`, {
        data: { timeZone: 'Europe/London' },
        headers: { 'x-csrf-token': me.csrfToken },
      });
      expect(back.status(), await back.text()).toBe(200);
    }
  });
});
