// Page objects of the workspace's small forms: Contacts, Teams and
// Notification preferences, used as a person uses them.
import type { Locator, Page } from '@playwright/test';

/** Opens a Vuetify select (or autocomplete) and picks the option shown as `option`. */
export async function pick(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.keyboard.press('Escape').catch(() => undefined);
}

/** The whole select (what a person clicks) whose own label is `name`. */
export function selectNamed(scope: Page | Locator, name: string): Locator {
  // `has` is matched inside each candidate, so it starts from the page, not from `scope` again.
  const page = 'page' in scope ? scope.page() : scope;
  return scope.locator('.v-input').filter({ has: page.getByRole('combobox', { name, exact: true }) });
}

/** The text a Vuetify select shows as its choice. */
export function selection(select: Locator): Locator {
  return select.locator('.v-select__selection-text');
}

export class ContactsScreen {
  constructor(readonly page: Page) {}

  field(name: 'name' | 'phone' | 'email' | 'assignee' | 'team'): Locator {
    return this.page.getByTestId(`contact-${name}`).first();
  }

  input(name: 'name' | 'phone' | 'email'): Locator {
    return this.field(name).locator('input');
  }

  get addButton(): Locator {
    return this.page.getByTestId('contact-create');
  }

  row(name: string): Locator {
    return this.page.locator(`[data-contact="${name}"]`);
  }

  /** The row's Assignee or Team select. */
  rowSelect(contact: string, which: 'Assignee' | 'Team'): Locator {
    return selectNamed(this.row(contact), `${which} of ${contact}`);
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-contacts').click();
    await this.page.getByRole('heading', { name: 'Contacts' }).waitFor();
  }
}

export class TeamsScreen {
  constructor(readonly page: Page) {}

  get nameField(): Locator {
    return this.page.getByTestId('team-name');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-teams').click();
    await this.page.getByRole('heading', { name: 'Teams' }).waitFor();
  }

  teamOf(memberName: string): Locator {
    return selectNamed(this.page, `Team of ${memberName}`);
  }
}

export class NotificationPreferencesScreen {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-notifications').click();
    await this.page.getByRole('heading', { name: 'Notification preferences' }).waitFor();
  }

  scope(label: string): Locator {
    return this.page.getByRole('radio', { name: label, exact: true });
  }

  get members(): Locator {
    return this.page.getByTestId('notify-members');
  }

  switch(label: 'When they come online' | 'When they go offline'): Locator {
    return this.page.getByRole('switch', { name: label }).or(this.page.getByLabel(label));
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
  }
}
