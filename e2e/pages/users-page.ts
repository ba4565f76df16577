// Page object of the Users page and its dialogs.
import type { Locator, Page } from '@playwright/test';

export class UsersPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-users').click();
    await this.page.getByRole('heading', { name: 'Users' }).waitFor();
  }

  row(email: string): Locator {
    return this.page.locator('tr', { has: this.page.locator(`[data-member="${email}"]`) });
  }

  presence(email: string): Locator {
    return this.row(email).locator('[data-presence]');
  }

  async invite(email: string, level: 'Owner' | 'Manager' | 'Agent'): Promise<void> {
    await this.page.getByTestId('add-user').click();
    await this.page.getByTestId('invite-email').getByRole('textbox').fill(email);
    await this.chooseLevel('invite-level', level);
    await this.page.getByTestId('invite-submit').click();
    await this.page.getByTestId('invite-link').waitFor();
    await this.page.getByRole('button', { name: 'Done' }).click();
  }

  async chooseLevel(testId: string, level: string): Promise<void> {
    await this.page.getByTestId(testId).click();
    await this.page.getByRole('option', { name: level, exact: true }).click();
  }

  /** The access levels the Add User dialog offers. */
  async invitableLevels(): Promise<string[]> {
    await this.page.getByTestId('add-user').click();
    await this.page.getByTestId('invite-level').click();
    const options = await this.page.getByRole('option').allTextContents();
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
    return options.map((option) => option.trim());
  }
}
