// expectAccessible for forms that have just shown their problems: the scan
// waits for the transitions running now, since a message fading in is not
// what the person reads.
import type { Page } from '@playwright/test';
import { expectAccessible } from './expect-accessible';

/** Waits for the finite animations and transitions running now. */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

export async function expectFormAccessible(page: Page, screen: string): Promise<void> {
  await settleAnimations(page);
  await expectAccessible(page, screen);
}
