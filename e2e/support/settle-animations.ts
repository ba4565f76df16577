// Waits for the finite animations and transitions running now: a message
// fading in, or a dialog sliding open, is not yet what the person reads.
import type { Page } from '@playwright/test';

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
