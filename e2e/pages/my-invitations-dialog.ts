// Page object of the signed-in person's own invitations (banner and dialog).
import type { Locator, Page } from '@playwright/test';

export class MyInvitationsDialog {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId('my-invitations');
  }

  get banner(): Locator {
    return this.page.getByTestId('my-invitations-banner');
  }

  async openFromBanner(): Promise<void> {
    await this.banner.getByTestId('review-invitations').click();
    await this.dialog.waitFor();
  }

  invitation(workspaceName: string): Locator {
    return this.page.getByTestId(`my-invitation-${workspaceName}`);
  }

  async accept(workspaceName: string): Promise<void> {
    await this.invitation(workspaceName).getByTestId('accept-invitation').click();
  }

  async decline(workspaceName: string): Promise<void> {
    await this.invitation(workspaceName).getByTestId('decline-invitation').click();
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
  }
}
