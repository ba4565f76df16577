// Page object of "Invite many people" (issue 13): a list typed or imported,
// its rows edited, checked, sent, and its results.
import type { Download, Locator, Page } from '@playwright/test';

export class BulkInvitePage {
  constructor(readonly page: Page) {}

  /** From the Users page, as a person gets there: Add user, then "Invite many at once". */
  async openFromAddUser(): Promise<void> {
    await this.page.getByTestId('nav-users').click();
    await this.page.getByTestId('add-user').click();
    await this.page.getByTestId('invite-many').click();
    await this.page.getByRole('heading', { name: 'Invite many people' }).waitFor();
  }

  get pasteBox(): Locator {
    return this.page.getByTestId('bulk-paste').getByRole('textbox');
  }

  /** Types the lines into the box, key by key, and reads them into rows. */
  async typeList(lines: readonly string[]): Promise<void> {
    await this.pasteBox.click();
    for (const [index, line] of lines.entries()) {
      await this.pasteBox.pressSequentially(line, { delay: 5 });
      if (index < lines.length - 1) await this.page.keyboard.press('Enter');
    }
    await this.page.getByTestId('bulk-read').click();
  }

  /** Pastes the text at once, as from the clipboard, and reads it. */
  async pasteList(text: string): Promise<void> {
    await this.pasteBox.fill(text);
    await this.page.getByTestId('bulk-read').click();
  }

  async importFile(name: string, text: string): Promise<void> {
    await this.page.getByTestId('bulk-file').locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  }

  email(line: number): Locator {
    return this.page.getByTestId(`bulk-email-${line}`);
  }

  status(line: number): Locator {
    return this.page.getByTestId(`bulk-status-${line}`);
  }

  async retypeEmail(line: number, email: string): Promise<void> {
    const box = this.email(line).getByRole('textbox');
    await box.click();
    await box.press('ControlOrMeta+a');
    await box.press('Backspace');
    await box.pressSequentially(email, { delay: 5 });
  }

  async chooseLevel(line: number, level: 'Owner' | 'Manager' | 'Agent'): Promise<void> {
    await this.page.getByTestId(`bulk-level-${line}`).click();
    await this.page.getByRole('option', { name: level, exact: true }).click();
  }

  async chooseTeam(line: number, team: string): Promise<void> {
    const box = this.page.getByRole('combobox', { name: `Team on row ${line}` });
    await box.click();
    await box.pressSequentially(team.slice(0, 3), { delay: 5 });
    await this.page.getByRole('option', { name: team, exact: true }).click();
  }

  async remove(line: number): Promise<void> {
    await this.page.getByTestId(`bulk-remove-${line}`).click();
  }

  async check(): Promise<void> {
    await this.page.getByTestId('bulk-check').click();
    await this.page.getByTestId('bulk-check-summary').waitFor();
  }

  async send(): Promise<void> {
    await this.page.getByTestId('bulk-send').click();
  }

  result(line: number): Locator {
    return this.page.getByTestId(`bulk-result-${line}`);
  }

  reason(line: number): Locator {
    return this.page.getByTestId(`bulk-reason-${line}`);
  }

  /** "Download the results": in the web console, a download. */
  async downloadResults(): Promise<Download> {
    const downloading = this.page.waitForEvent('download');
    await this.page.getByTestId('bulk-save-results').click();
    return downloading;
  }

  async downloadTemplate(): Promise<Download> {
    const downloading = this.page.waitForEvent('download');
    await this.page.getByTestId('bulk-template').click();
    return downloading;
  }
}
