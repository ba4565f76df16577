// Page object of Profile's own details: the display name and the avatar.
import type { Locator, Page } from '@playwright/test';

export class ProfileDetailsPage {
  constructor(readonly page: Page) {}

  get nameField(): Locator {
    return this.page.getByTestId('profile-name');
  }

  get avatarField(): Locator {
    return this.page.getByTestId('profile-avatar');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-profile').click();
    await this.page.getByRole('heading', { name: 'Profile' }).waitFor();
  }

  async typeName(name: string): Promise<void> {
    await this.nameField.locator('input').fill(name);
  }

  async chooseAvatar(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.avatarField.locator('input[type="file"]').setInputFiles(file);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
  }
}
