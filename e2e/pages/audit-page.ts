// Page object of the Audit log page: its filters, its table and "Export CSV".
import type { Locator, Page } from '@playwright/test';

export class AuditPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-audit').click();
    await this.page.getByRole('heading', { name: 'Audit log' }).waitFor();
  }

  /** The table's entry rows (not the empty state's). */
  rows(): Locator {
    return this.page.getByTestId('audit-table').locator('tbody tr').filter({ hasNot: this.page.getByTestId('audit-empty') });
  }

  /** Each row as "What · Whom", top to bottom. */
  async shown(): Promise<string[]> {
    return this.rows().evaluateAll((rows) => rows.map((row) => `${row.children[2]?.textContent?.trim()} · ${row.children[3]?.textContent?.trim()}`));
  }

  /** Opens the Action list with the keyboard and chooses `label` from it. */
  async chooseAction(label: string): Promise<void> {
    await this.page.getByTestId('audit-action').getByRole('combobox', { name: 'Action' }).focus();
    await this.page.keyboard.press('Enter');
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  async clearAction(): Promise<void> {
    await this.page.getByTestId('audit-action').getByRole('button', { name: /^Clear/ }).click();
  }

  /** Types part of a name into a member picker and chooses the member whose name starts with `name`. */
  async pickMember(testId: 'audit-member' | 'audit-actor', typed: string, name: string): Promise<void> {
    const picker = this.page.getByTestId(testId);
    await picker.click();
    await picker.locator('input[role=combobox]').pressSequentially(typed, { delay: 30 });
    await this.page.getByRole('option').filter({ hasText: name }).first().click();
  }

  /**
   * Types a day into a date field as a person does, digit by digit, in the
   * order the field shows its parts. Chromium lays a date field out in its own
   * language, not the page's, so the order is read from the browser first.
   */
  async typeDay(testId: 'audit-from' | 'audit-to', day: { day: number; month: number; year: number }): Promise<void> {
    const two = (value: number) => String(value).padStart(2, '0');
    const parts = { d: two(day.day), m: two(day.month), y: String(day.year) };
    const order = await this.dayOrder();
    await this.page.getByTestId(testId).locator('input').focus();
    // Back to the first part (focus returns to the part last typed in), then each part moves on to the next once typed.
    for (let moves = 0; moves < 2; moves += 1) await this.page.keyboard.press('ArrowLeft');
    await this.page.keyboard.type([...order].map((part) => parts[part as keyof typeof parts]).join(''), { delay: 30 });
  }

  private order: string | null = null;

  /** "dmy", "mdy" or "ymd": typed into a field of the page's own, out of sight, and read back. */
  private async dayOrder(): Promise<string> {
    if (this.order) return this.order;
    await this.page.evaluate(() => {
      const probe = document.createElement('input');
      probe.type = 'date';
      probe.id = 'day-order-probe';
      probe.style.position = 'fixed';
      probe.style.left = '-9999px';
      document.body.append(probe);
    });
    const probe = this.page.locator('#day-order-probe');
    await probe.focus();
    await this.page.keyboard.type('01022003');
    const value = await probe.inputValue();
    await probe.evaluate((element) => element.remove());
    this.order = value === '2003-02-01' ? 'dmy' : value === '2003-01-02' ? 'mdy' : 'ymd';
    return this.order;
  }

  async clearDay(testId: 'audit-from' | 'audit-to'): Promise<void> {
    await this.page.getByTestId(testId).locator('input').fill('');
  }
}
