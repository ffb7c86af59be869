import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoUser } from './env';

export async function signIn(page: Page, who: Parameters<typeof demoUser>[0] = 'recruiter') {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(demoUser(who));
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Offers' })).toBeVisible();
}

/** Full-page screenshots land in .test-results/screenshots for a human to look at. */
export async function screenshot(page: Page, name: string) {
  // From the top: a full-page capture of a scrolled page paints the fixed header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `.test-results/screenshots/${name}.png`, fullPage: true });
}

/** WCAG 2.1 A/AA rules; only serious and critical findings fail the test, each named in the message. */
export async function expectNoSeriousA11yViolations(page: Page, where: string) {
  // A dialog still fading in is half transparent, and axe would judge its colours mid-fade.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
        .join('\n  ')}`,
  );
  expect(report, `axe on ${where}`).toEqual([]);
}

/** True when nothing on the page is wider than the window, i.e. no sideways scrolling. */
export async function expectNoHorizontalOverflow(page: Page, where: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${where}: page is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
}

/** Picks an option in a Mantine Select: type to filter, then click the option by its text. */
export async function chooseOption(page: Page, label: string | RegExp, typed: string, option: string | RegExp) {
  const input = page.getByRole('combobox', { name: label });
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option }).click();
}

/** Opens an organisation setting from the header's Admin menu, as an admin does on a wide screen. */
export async function openAdminPage(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Admin' }).click();
  await page.getByRole('menuitem', { name }).click();
}

/** Headers the API asks of a browser's writes (CSRF), for specs that write through page.request. */
export const writeHeaders = { 'X-Requested-With': 'offerline' };

/** A session of its own per person, as two people at two desks; `null` for someone who does not sign in (a candidate). */
export async function personPage(browser: Browser, who: Parameters<typeof signIn>[1] | null, viewport?: { width: number; height: number }) {
  const page = await (await browser.newContext(viewport ? { viewport } : {})).newPage();
  if (who) await signIn(page, who);
  return page;
}
