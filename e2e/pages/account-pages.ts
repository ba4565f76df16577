// Page objects of the account screens: the password and sessions parts of
// Profile, and sign-in with its "Forgot password?" dialog.
import type { Locator, Page } from '@playwright/test';

export class ProfileAccountPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-profile').click();
    await this.page.getByRole('heading', { name: 'Change password' }).waitFor();
  }

  async changePassword(current: string, next: string, confirmation = next): Promise<void> {
    await this.page.getByTestId('current-password').locator('input').fill(current);
    await this.page.getByTestId('new-password').locator('input').fill(next);
    await this.page.getByTestId('confirm-password').locator('input').fill(confirmation);
    await this.page.getByTestId('change-password').click();
  }

  async signOutOthers(): Promise<void> {
    await this.page.getByTestId('sign-out-others').click();
    await this.page.getByTestId('sign-out-others-confirm').click();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Account menu' }).click();
    await this.page.getByTestId('sign-out').click();
    await this.page.getByTestId('sign-in').waitFor();
  }
}

export class SignInScreen {
  constructor(readonly page: Page) {}

  /** "Forgot password?", shown only for a hub that can send email. */
  get forgotPasswordLink(): Locator {
    return this.page.getByTestId('forgot-password');
  }

  /** What shows instead for a hub that cannot. */
  get cannotMailNote(): Locator {
    return this.page.getByTestId('hub-cannot-mail');
  }

  async typeHubUrl(hubUrl: string): Promise<void> {
    await this.page.getByTestId('hub-url').locator('input').fill(hubUrl);
  }

  async signIn(hubUrl: string, email: string, password: string): Promise<void> {
    await this.page.getByTestId('hub-url').locator('input').fill(hubUrl);
    await this.page.getByTestId('sign-in-email').locator('input').fill(email);
    await this.page.getByTestId('sign-in-password').locator('input').fill(password);
    await this.page.getByTestId('sign-in').click();
  }

  async askForNewPassword(hubUrl: string, email: string): Promise<void> {
    await this.page.getByTestId('hub-url').locator('input').fill(hubUrl);
    await this.page.getByTestId('forgot-password').click();
    await this.page.getByTestId('forgot-password-email').locator('input').fill(email);
    await this.page.getByTestId('forgot-password-send').click();
  }
}
