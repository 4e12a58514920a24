import { seedCentral } from '../../src/main/demo/seed-central';
import { generateFamilyCases } from '../../src/main/demo/family-cases';
import { duplicateTruth, generateCustomers } from '../../src/main/demo/synthetic-data';
import { centralWithOfficer } from './central-database';
import { expect, test, type Desk } from './fixtures';
import { DuplicatesPage } from './pages/duplicates-page';
import { FirstRunPage } from './pages/first-run-page';
import { ProfilePage } from './pages/profile-page';
import { ShellPage } from './pages/shell-page';
import { screenshotThemes, shot } from './screenshots';

const OPTIONS = { customers: 300, seed: 3 };

/** A new desk synced from central, on the Duplicates screen after a full check. */
async function checkedDesk(desk: Desk, officerUrl: string) {
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Desk' });
  await desk.services.sync.connect({ url: `${officerUrl}?sslmode=disable` });
  await desk.services.sync.run();
  const shell = new ShellPage(desk.page);
  const duplicates = new DuplicatesPage(desk.page);
  await shell.open('Duplicates');
  await duplicates.checkAll();
  return { shell, duplicates };
}

/**
 * Twins: one family name, address, phone and email, one date of birth, two given names. Their
 * pair is shown, but only as "possible", with the guard's reason. The other records are the
 * generator's family cases, so the replica has names to count.
 */
async function seedTwins(admin: Awaited<ReturnType<typeof centralWithOfficer>>['admin']) {
  const family = generateFamilyCases({ seed: 9, firstId: 1, groups: 40 });
  const home = family.bundles[0]?.addresses[0];
  if (!home) throw new Error('The family cases have no address.');
  const twins = family.bundles.slice(0, 2).map((b, k) => ({
    ...b,
    customer: {
      ...b.customer,
      name: k === 0 ? 'Anna Wąsowska' : 'Maria Wąsowska',
      email: 'wasowscy@example.com',
      phone: '+48 22 555 01 23',
      attributes: { date_of_birth: '1990-05-01' },
    },
    // One home: the first record's address, on each record.
    addresses: [{ ...home, customer_id: b.customer.customer_id, address_id: 1_000 + k }],
  }));
  await seedCentral(admin, [...twins, ...family.bundles.slice(2)]);
}

/** A desk checked against a central holding the twins among the family cases. */
async function twinsDesk(desk: Desk, centralAdminUrl: string) {
  const { officerUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await seedTwins(admin);
  return checkedDesk(desk, officerUrl);
}

test('review a duplicate pair, merge with fields from both, see the combined profile, undo', async ({
  desk,
  centralAdminUrl,
}) => {
  test.setTimeout(90_000);
  const { officerUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await seedCentral(admin, generateCustomers(OPTIONS));
  // A pair whose names differ (so the merge takes the name from one and the rest from the other)
  // and where both records have orders of their own.
  const orders = async (id: number) =>
    Number(
      (
        await admin.query<{ n: string }>(
          'SELECT count(*) AS n FROM reflect.orders WHERE customer_id = $1',
          [id],
        )
      ).rows[0]?.n,
    );
  const names = async (id: number) =>
    (
      await admin.query<{ name: string }>(
        'SELECT name FROM reflect.customers WHERE customer_id = $1',
        [id],
      )
    ).rows[0]?.name ?? '';
  let chosen: {
    original: number;
    duplicate: number;
    originalOrders: number;
    duplicateOrders: number;
  } | null = null;
  for (const t of duplicateTruth(OPTIONS)) {
    if (!t.kinds.some((k) => k === 'typo' || k === 'swapped_name_parts')) continue;
    const [originalOrders, duplicateOrders] = [
      await orders(t.original_id),
      await orders(t.duplicate_id),
    ];
    if (originalOrders > 0 && duplicateOrders > 0) {
      chosen = {
        original: t.original_id,
        duplicate: t.duplicate_id,
        originalOrders,
        duplicateOrders,
      };
      break;
    }
  }
  if (!chosen) throw new Error('The seed has no renamed duplicate with orders on both records.');
  const { original, duplicate } = chosen;
  const [originalName, duplicateName] = [await names(original), await names(duplicate)];

  const { shell, duplicates } = await checkedDesk(desk, officerUrl);
  await expect(duplicates.candidates()).toContainText(duplicateName);
  await duplicates.review([original, duplicate].sort((a, b) => a - b));

  // Differences are highlighted and each pair is explained field by field.
  await expect(duplicates.sideBySide()).toContainText(originalName);
  await expect(duplicates.sideBySide()).toContainText(duplicateName);
  await expect(desk.page.getByRole('table', { name: /^Evidence for/ })).toContainText(
    /nearly the same (given|family) name|similar|same name words in another order/,
  );

  await duplicates.keepRecord(original);
  await duplicates.takeField('Name', duplicate);
  await duplicates.takeField('Email', original);
  await duplicates.merge(original);
  await duplicates.openMergedProfile();

  const profile = new ProfilePage(desk.page);
  await expect(profile.heading()).toHaveText(duplicateName);
  await expect(desk.page.getByRole('tab', { name: /^Orders/ })).toHaveText(
    `Orders (${chosen.originalOrders + chosen.duplicateOrders})`,
  );
  await expect(profile.orders()).toHaveCount(chosen.originalOrders + chosen.duplicateOrders);
  await expect(desk.page.getByRole('main')).toContainText(
    `records merged into this one: #${duplicate}`,
  );

  await shell.open('Duplicates');
  await duplicates.undo(original);
  await expect(duplicates.merges()).toContainText('Undone');

  // Both records are back as they were: names, orders, and neither merged.
  await duplicates
    .merges()
    .getByRole('button', { name: `#${duplicate}`, exact: true })
    .click();
  await expect(profile.heading()).toHaveText(duplicateName);
  await expect(profile.orders()).toHaveCount(chosen.duplicateOrders);
  await expect(desk.page.getByRole('main')).not.toContainText('Merged into');
  await shell.open('Duplicates');
  await duplicates
    .merges()
    .getByRole('button', { name: `#${original}`, exact: true })
    .first()
    .click();
  await expect(profile.heading()).toHaveText(originalName);
  await expect(profile.orders()).toHaveCount(chosen.originalOrders);

  // Central agrees once the desk has synced: nothing merged, each order with its own record.
  await desk.services.sync.run();
  const merged = await admin.query('SELECT 1 FROM reflect.customers WHERE merged_into IS NOT NULL');
  expect(merged.rowCount).toBe(0);
  expect(await orders(original)).toBe(chosen.originalOrders);
  expect(await orders(duplicate)).toBe(chosen.duplicateOrders);
});

test('family members sharing a phone and an address are held back, and the review says why', async ({
  desk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(90_000);
  const { duplicates } = await twinsDesk(desk, centralAdminUrl);
  const row = duplicates.candidates().getByRole('row').filter({ hasText: 'Maria Wąsowska' });
  await expect(row).toContainText('possible');
  await expect(row).toContainText('The given names differ: possibly family members');
  await shot(desk, testInfo, 'duplicates-list');
  await duplicates.review([1, 2]);
  await expect(desk.page.getByRole('alert')).toContainText('Held back by the household check');
  const evidence = desk.page.getByRole('table', { name: 'Evidence for #1 and #2' });
  await expect(evidence).toContainText('different given name');
  await expect(evidence).toContainText('same date of birth');
  await expect(evidence).toContainText(/records share this name/);

  await shot(desk, testInfo, 'duplicates-review');
});

test('a pair marked as different people is listed with who decided, and Undo brings it back', async ({
  desk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(90_000);
  const { duplicates } = await twinsDesk(desk, centralAdminUrl);
  const dismissed = desk.page.getByRole('table', { name: 'Marked as different people' });
  await expect(desk.page.getByRole('main')).toContainText(
    'No pair has been marked as two different people on this desk.',
  );

  await duplicates.review([1, 2]);
  await desk.page.getByRole('button', { name: 'Not the same person' }).click();
  await expect(duplicates.candidates()).not.toContainText('Maria Wąsowska');
  await expect(dismissed).toContainText(
    'Anna Wąsowska (customer 1) and Maria Wąsowska (customer 2)',
  );
  await expect(dismissed).toContainText(/by \S+/);
  await screenshotThemes(desk, testInfo, 'duplicates-dismissed', dismissed);

  // Opening a record from the list goes to its profile.
  await dismissed.getByRole('button', { name: 'Maria Wąsowska (customer 2)' }).click();
  await expect(new ProfilePage(desk.page).heading()).toHaveText('Maria Wąsowska');
  await new ShellPage(desk.page).open('Duplicates');

  await desk.page.getByRole('button', { name: 'Undo: #1 and #2 are different people' }).click();
  await expect(dismissed).toHaveCount(0);
  // The two are checked again and come back as candidates.
  await expect(
    duplicates.candidates().getByRole('row').filter({ hasText: 'Maria Wąsowska' }),
  ).toContainText('possible');
});
