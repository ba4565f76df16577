// An axe-core scan of what the page shows once its transitions have ended:
// no serious or critical violation. Scanning mid-transition measures the
// contrast of a message still fading in, which nobody reads.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { settleAnimations } from './settle-animations';

export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await settleAnimations(page);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${screen}: ${violation.id} ${violation.help}: ${violation.nodes.map((node) => `${node.target.join(' ')} ${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`).join(' | ')}`)).toEqual([]);
}
