// Page objects of the Owners' Workspace and Organization pages, and of the
// "Your access" section on Profile.
import type { Locator, Page } from '@playwright/test';

export class WorkspaceFactsPage {
  constructor(readonly page: Page) {}

  get plan(): Locator {
    return this.page.getByTestId('workspace-plan');
  }

  get invitations(): Locator {
    return this.page.getByTestId('workspace-invitations');
  }

  get setBy(): Locator {
    return this.page.getByTestId('workspace-set-by');
  }

  /** The plan-offers row of a permission, by the words the dialogs use. */
  offer(name: string): Locator {
    return this.page.getByTestId('plan-offer').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-workspace').click();
    await this.page.getByRole('heading', { name: 'Workspace', level: 1 }).waitFor();
    await this.plan.waitFor();
  }
}

export class OrganizationPage {
  constructor(readonly page: Page) {}

  get people(): Locator {
    return this.page.getByTestId('organization-person');
  }

  person(email: string): Locator {
    return this.page.locator(`[data-testid="organization-person"][data-person="${email}"]`);
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-organization').click();
    await this.page.getByRole('heading', { name: 'Organization', level: 1 }).waitFor();
    await this.page.getByTestId('organization-people').waitFor();
  }
}

export class YourAccessSection {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('your-access');
  }

  get level(): Locator {
    return this.root.getByTestId('your-level');
  }

  get permissions(): Locator {
    return this.root.getByTestId('your-permission');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-profile').click();
    await this.root.waitFor();
  }
}
