import type { Desk } from './fixtures';
import { CasesPage } from './pages/cases-page';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';

/** A new desk logged in to central as `url`'s login, synced and on the Cases screen. */
export async function casesDesk(desk: Desk, name: string, url: string): Promise<CasesPage> {
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name });
  await desk.services.sync.connect({ url: `${url}?sslmode=disable` });
  await desk.services.sync.run();
  await new ShellPage(desk.page).open('Cases');
  return new CasesPage(desk.page);
}
