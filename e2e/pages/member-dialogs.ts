// Page object of the Add, Edit and Revoke dialogs, used as a person uses them:
// switches found by the words on screen, selects opened and picked.
import type { Locator, Page } from '@playwright/test';

export class MemberDialog {
  constructor(readonly page: Page) {}

  /** The member dialog; the "Discard your changes?" question opens above it. */
  get root(): Locator {
    return this.page.getByRole('dialog').first();
  }

  /** A permission switch, by the words a person reads ("Can export data"). */
  permission(label: string): Locator {
    return this.root.getByRole('checkbox', { name: label, exact: true });
  }

  /** Every permission switch shown, by its words, and whether it is on. */
  async permissions(): Promise<Record<string, boolean>> {
    const switches = this.root.locator('[data-testid^="permission-"] input[type="checkbox"]');
    const shown: Record<string, boolean> = {};
    for (const each of await switches.all()) shown[(await each.getAttribute('aria-label')) ?? ''] = await each.isChecked();
    return shown;
  }

  async choose(testId: string, option: string): Promise<void> {
    await this.root.getByTestId(testId).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  async toggleTwice(label: string): Promise<void> {
    await this.permission(label).click();
    await this.permission(label).click();
  }

  get discardQuestion(): Locator {
    return this.page.getByRole('dialog', { name: 'Discard your changes?' });
  }
}
