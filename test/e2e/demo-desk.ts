import type { CaseDetail } from '../../src/shared/cases';
import { accessRequest } from '../support/case-requests';
import { expect, type Desk } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';

export interface DemoSubject {
  id: number;
  name: string;
  email: string;
}

/** The demo workspace opened from the first-run screen, its first sync done. */
export async function openedDemo(desk: Desk): Promise<ShellPage> {
  await desk.open();
  await new FirstRunPage(desk.page).tryDemo();
  const shell = new ShellPage(desk.page);
  await expect(shell.workspaceName()).toBeVisible({ timeout: 60_000 });
  await desk.services.sync.run();
  return shell;
}

/** An access request from the demo's first customer with an email, linked to their record. */
export function demoAccessCase(desk: Desk): { subject: DemoSubject; created: CaseDetail } {
  const subject = desk.services.workspace
    .requireOpen()
    .replica.raw.prepare(
      'SELECT customer_id AS id, name, email FROM customers WHERE email IS NOT NULL AND merged_into IS NULL ORDER BY customer_id LIMIT 1',
    )
    .get() as DemoSubject;
  const created = desk.services.cases.create(
    accessRequest({
      requester: { names: [subject.name], emails: [subject.email], phones: [] },
      subjectIds: [subject.id],
      // An hour before now, by the real clock the demo runs on.
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    }),
  );
  return { subject, created };
}
