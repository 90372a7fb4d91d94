// Every screen of the menu, for each role, checked by axe-core against WCAG 2 A and AA, at a desk
// and on a phone. A scan once found the same two faults on every page: the theme's "light" badges,
// buttons and active menu entry at 2.7–4.3:1 contrast (AA asks 4.5:1), and aria-expanded on the
// notification bell's indicator (a plain div) instead of its button.
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { demoEmail, signIn } from './support/helpers';
import { newStaffMember } from './support/staff';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// axe is injected as a script, which the app's Content-Security-Policy would rightly refuse.
test.use({ bypassCSP: true });

interface Finding {
  rule: string;
  impact: string | null;
  where: string;
  why: string;
}

async function scan(page: Page): Promise<Finding[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<AxeResult> } }).axe;
    interface AxeResult {
      violations: {
        id: string;
        impact: string | null;
        nodes: { target: string[]; failureSummary?: string }[];
      }[];
    }
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => ({
        rule: v.id,
        impact: v.impact,
        where: n.target.join(' '),
        why: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200),
      })),
    );
  });
}

// The nurse and the pharmacist are new staff of City General: other journeys turn on two-factor
// sign-in for the demo nurse and pharmacist, and they run in any order.
for (const login of ['receptionist', 'doctor', 'nurse', 'pharmacist', 'cgh.admin', 'patient'] as const) {
  test(`every screen of the ${login}'s menu passes WCAG 2 AA checks`, async ({ page, request }) => {
    test.setTimeout(180_000);
    if (login === 'nurse' || login === 'pharmacist') {
      const staff = await newStaffMember(request, login, `Axe ${login} check`);
      await signIn(page, staff.email, staff.password);
    } else await signIn(page, demoEmail(login));
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav.getByRole('link', { name: 'Dashboard' })).toBeAttached();
    const screens = await nav
      .getByRole('link', { includeHidden: true })
      .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href') ?? ''))]);
    expect(screens.length).toBeGreaterThan(1);
    const found: (Finding & { screen: string })[] = [];
    for (const screen of screens) {
      await page.goto(screen);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      for (const f of await scan(page)) found.push({ screen, ...f });
    }
    expect(found, `WCAG findings on ${screens.join(', ')}`).toEqual([]);
  });
}
