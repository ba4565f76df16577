// Page object of the "Access until" fields of the Add and Edit dialogs
// (issue 13.2), found by the words a person reads.
import type { Locator, Page } from '@playwright/test';

export class AccessUntilFields {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('dialog').getByTestId('access-until-fields');
  }

  get noEnd(): Locator {
    return this.root.getByRole('checkbox', { name: 'No end date' });
  }

  get date(): Locator {
    return this.root.getByLabel('Last day');
  }

  get time(): Locator {
    return this.root.getByLabel('Ends at');
  }

  get heir(): Locator {
    return this.root.getByRole('combobox', { name: 'When access ends, give their contacts to' });
  }
}

/** The end date and heir the hub stored for a member, read from its store's row. */
export function storedAccessEnd(member: { accessUntil: number | null; accessHeirMemberId: string | null } | undefined): { accessUntil: number | null; accessHeirId: string | null } | undefined {
  return member && { accessUntil: member.accessUntil, accessHeirId: member.accessHeirMemberId };
}
