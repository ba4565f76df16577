// Page object of the screen an invitation link opens (?invite=TOKEN&hub=URL in
// the web console, gatehouse://invite in the desktop app).
import type { Locator, Page } from '@playwright/test';

export class AcceptInvitationPage {
  constructor(readonly page: Page) {}

  /** Opens the link in a console already signed in to (its one-time link traded for the cookie). */
  async open(consoleUrl: string, hubUrl: string, inviteUrl: string | null): Promise<void> {
    const token = new URL(inviteUrl ?? '').pathname.split('/').pop() ?? '';
    await this.page.goto(consoleUrl);
    await this.page.goto(`${new URL(consoleUrl).origin}/?invite=${encodeURIComponent(token)}&hub=${encodeURIComponent(hubUrl)}`);
    await this.page.getByRole('heading', { name: 'Accept invitation' }).waitFor();
    await this.summary.waitFor();
  }

  get hubAddress(): Locator {
    return this.page.getByTestId('invitation-hub');
  }

  get summary(): Locator {
    return this.page.getByTestId('invitation-summary');
  }

  get unknownHubWarning(): Locator {
    return this.page.getByTestId('unknown-hub-warning');
  }

  get newAccountForm(): Locator {
    return this.page.getByTestId('new-account-form');
  }

  async confirmHub(): Promise<void> {
    await this.page.getByTestId('confirm-hub').click();
  }

  async createAccount(name: string, password: string): Promise<void> {
    await this.page.getByTestId('accept-name').getByRole('textbox').fill(name);
    await this.page.getByTestId('accept-password').getByRole('textbox').fill(password);
    await this.page.getByTestId('accept-submit').click();
  }

  async signInToAccept(password: string): Promise<void> {
    await this.page.getByTestId('sign-in-to-accept-password').getByRole('textbox').fill(password);
    await this.page.getByTestId('sign-in-to-accept-submit').click();
  }
}
