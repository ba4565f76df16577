// Issue 11.3: what a person reads names no rule ID and no internal name. The
// checks run on the visible text of the whole window.
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

const FORBIDDEN = [
  { what: 'rule ID', pattern: /\([AULRVEDOX]\d\)/g },
  { what: 'camelCase name', pattern: /\b[a-z]+(?:[A-Z][a-z0-9]+)+\b/g },
  { what: 'snake_case code', pattern: /\b[a-z]+(?:_[a-z0-9]+)+\b/g },
] as const;

export async function expectPlainWords(page: Page, screen: string): Promise<void> {
  const text = await page.locator('body').innerText();
  const found = FORBIDDEN.flatMap(({ what, pattern }) => [...text.matchAll(pattern)].map((match) => `${screen}: ${what} "${match[0]}"`));
  expect(found).toEqual([]);
}

/** Every page the main navigation offers the signed-in member, each checked. */
export async function expectEveryPagePlain(page: Page, who: string): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link');
  const titles = (await links.allInnerTexts()).map((title) => title.trim());
  for (const [index, title] of titles.entries()) {
    await links.nth(index).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectPlainWords(page, `${who} · ${title}`);
  }
  return titles;
}
