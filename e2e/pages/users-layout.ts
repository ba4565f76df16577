// Page object for the Users page's layout: the table's boxes, the toolbar's
// rows, the row actions menu and the cut-off text with its tooltip.
import type { Locator, Page } from '@playwright/test';

export interface Overflow {
  /** How far the table's content reaches past its scrolling wrapper. */
  wrapperOverflow: number;
  /** How far the rightmost actions cell reaches past the window or the wrapper. */
  actionsOverflow: number;
  /** How far the page itself scrolls sideways. */
  pageOverflow: number;
}

export class UsersLayout {
  constructor(readonly page: Page) {}

  async open(width: number, height = 900): Promise<void> {
    await this.page.setViewportSize({ width, height });
    await this.page.getByTestId('nav-users').click();
    await this.page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
  }

  async resize(width: number, height = 900): Promise<void> {
    await this.page.setViewportSize({ width, height });
    // Let the resize observers and the virtual table settle.
    await this.page.waitForTimeout(300);
  }

  row(email: string): Locator {
    return this.page.locator('tr', { has: this.page.locator(`[data-member="${email}"]`) });
  }

  moreActions(name: string): Locator {
    return this.page.getByRole('button', { name: `More actions for ${name}` });
  }

  initials(email: string): Locator {
    return this.row(email).getByTestId('initials');
  }

  name(email: string): Locator {
    return this.row(email).getByTestId('member-name');
  }

  toolbar(): Locator {
    return this.page.getByTestId('users-toolbar');
  }

  async overflow(): Promise<Overflow> {
    return this.page.getByTestId('members-table').evaluate((table) => {
      const wrapper = table.querySelector<HTMLElement>('.v-table__wrapper') ?? table;
      const box = wrapper.getBoundingClientRect();
      const cells = Array.from(table.querySelectorAll<HTMLElement>('tbody tr td:last-child, thead th:last-child'));
      const right = Math.max(...cells.map((cell) => cell.getBoundingClientRect().right), 0);
      return {
        wrapperOverflow: wrapper.scrollWidth - wrapper.clientWidth,
        actionsOverflow: Math.max(right - window.innerWidth, right - box.right, 0),
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
  }

  /** The top of each visible control in the toolbar, in order. */
  async toolbarTops(): Promise<number[]> {
    return this.toolbar().evaluate((bar) =>
      Array.from(bar.querySelectorAll('.control')).map((control) => Math.round(control.getBoundingClientRect().top)),
    );
  }

  /** Tab from the search field until the focus is on `label`; the number of presses, or -1. */
  async tabTo(label: string, limit = 60): Promise<number> {
    await this.page.getByTestId('member-search').getByRole('textbox').focus();
    for (let presses = 1; presses <= limit; presses += 1) {
      await this.page.keyboard.press('Tab');
      const focused = await this.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      if (focused === label) return presses;
    }
    return -1;
  }

  async focusedLabel(): Promise<string> {
    return this.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? '');
  }
}
