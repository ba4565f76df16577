// Page object of the first screen (D5).
import type { Locator, Page } from '@playwright/test';

export interface FirstRunOwner {
  name: string;
  email: string;
  password: string;
}

export class FirstRunPage {
  constructor(readonly page: Page) {}

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  get passwordInput(): Locator {
    return this.page.getByTestId('first-run-password').locator('input');
  }

  get planSelect(): Locator {
    return this.page.getByTestId('plan');
  }

  async choosePlan(plan: string): Promise<void> {
    await this.planSelect.click();
    await this.page.getByRole('option', { name: plan, exact: true }).click();
  }

  get shareSwitch(): Locator {
    return this.page.getByLabel('Let other desktops connect over the network');
  }

  /** The choice of this computer's address, shown only while sharing is on. */
  get addressSelect(): Locator {
    return this.page.getByTestId('share-address');
  }

  async chooseAddress(address: string): Promise<void> {
    await this.addressSelect.click();
    await this.page.getByRole('option').filter({ hasText: address }).click();
  }

  /** Fills the form as a person would, without submitting it. */
  async fill(owner: FirstRunOwner = { name: 'Olive Owner', email: 'olive@example.com', password: 'owner-password-1' }): Promise<void> {
    await this.page.getByRole('heading', { name: 'Welcome to Gatehouse' }).waitFor();
    await this.field('Organization').fill('Acme');
    await this.field('Workspace').fill('Support');
    await this.field('Your name').fill(owner.name);
    await this.field('Your email').fill(owner.email);
    await this.passwordInput.fill(owner.password);
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('start-local').click();
  }

  /** "Start a workspace on this computer" with the given Owner. */
  async startLocalWorkspace(owner?: FirstRunOwner): Promise<void> {
    await this.fill(owner);
    await this.submit();
  }
}
