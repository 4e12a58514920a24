import type { Page } from '@playwright/test';

/** The Cases screen: list, intake form and one case's detail. */
export class CasesPage {
  constructor(private readonly page: Page) {}

  rows() {
    return this.page.getByTestId('case-row');
  }

  async openRow(text: string): Promise<void> {
    await this.rows().filter({ hasText: text }).first().getByRole('cell').nth(2).click();
  }

  async newRequest(input: {
    name: string;
    email: string;
    receivedAt: string;
    timeZone: string;
    /** The request's label as the form lists it, e.g. "Erasure (Art. 17)"; access by default. */
    requestType?: string;
  }): Promise<void> {
    await this.page.getByRole('button', { name: 'New request' }).click();
    const form = this.page.getByRole('dialog', { name: 'New request' });
    if (input.requestType) {
      await form.getByRole('combobox', { name: 'Request', exact: true }).click();
      await this.page.getByRole('option', { name: input.requestType, exact: true }).click();
    }
    await form.getByLabel('Received at').fill(input.receivedAt);
    const zone = form.getByLabel('Time zone of receipt');
    await zone.click();
    await zone.fill(input.timeZone);
    await this.page.getByRole('option', { name: input.timeZone, exact: true }).click();
    await form.getByLabel('Requester names').fill(input.name);
    await form.getByLabel('Requester names').press('Enter');
    await form.getByLabel('Emails').fill(input.email);
    await form.getByLabel('Emails').press('Enter');
    await form.getByRole('button', { name: 'Open case' }).click();
  }

  status() {
    return this.page.getByTestId('case-status');
  }

  dueDate() {
    return this.page.getByTestId('due-date');
  }

  deadlineState() {
    return this.page.getByTestId('deadline-state');
  }

  heading() {
    return this.page.getByRole('main').getByRole('heading', { level: 2 });
  }

  button(name: string | RegExp) {
    return this.page
      .getByRole('main')
      .getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** Clicks an action that asks for a reason, gives it, and confirms. */
  async withReason(action: string, reason: string, confirm: string): Promise<void> {
    await this.button(action).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('textbox').first().fill(reason);
    await dialog.getByRole('button', { name: confirm, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** `toldAt` as the date-and-time field takes it (local time), e.g. "2027-02-10T08:30". */
  async extend(reason: string, toldAt: string): Promise<void> {
    await this.button('Extend deadline').click();
    const dialog = this.page.getByRole('dialog', { name: 'Extend the deadline' });
    await dialog.getByLabel(/Why more time/).fill(reason);
    await dialog.getByLabel('When the requester was told').fill(toldAt);
    await dialog.getByRole('button', { name: 'Extend', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async verify(method: string, evidence: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Method' }).click();
    await this.page.getByRole('option', { name: method }).click();
    await this.page.getByLabel('Evidence checked').fill(evidence);
    await this.button('Record verification').click();
  }

  /** Finds the record by its customer number, as an officer may, and links it. */
  async linkSubject(customerId: number): Promise<void> {
    await this.page.getByLabel('Find another record').fill(String(customerId));
    await this.page
      .getByRole('group', { name: 'Records found' })
      .getByRole('button', { name: new RegExp(`^Link .* \\(customer ${customerId}\\)$`) })
      .click();
    await this.subjects().getByText(`customer ${customerId}`, { exact: true }).waitFor();
  }

  suggestedRecords() {
    return this.page.getByRole('group', { name: 'Suggested records' });
  }

  subjects() {
    return this.page.getByRole('table', { name: 'Subject records' });
  }

  approval() {
    return this.page.getByTestId('approval');
  }

  timeline() {
    return this.page.getByTestId('timeline-item');
  }
}
