// Page object of the first screen (D5).
import type { Page } from '@playwright/test';

export class FirstRunPage {
  constructor(readonly page: Page) {}

  /** "Start a workspace on this computer" with the given Owner. */
  async startLocalWorkspace(owner = { name: 'Olive Owner', email: 'olive@example.com', password: 'owner-password-1' }): Promise<void> {
    await this.page.getByRole('heading', { name: 'Welcome to Gatehouse' }).waitFor();
    await this.page.getByLabel('Organization').fill('Acme');
    await this.page.getByLabel('Workspace', { exact: true }).fill('Support');
    await this.page.getByLabel('Your name').fill(owner.name);
    await this.page.getByLabel('Your email').fill(owner.email);
    await this.page.getByLabel('Password (at least 10 characters)').fill(owner.password);
    await this.page.getByTestId('start-local').click();
  }
}
