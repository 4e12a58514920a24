import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reflectCli } from '../../support/reflect-cli';
import { createForeignSchema, FOREIGN_SCHEMA_VALUES } from '../../support/foreign-schema';
import { createTestDatabase } from '../../support/postgres-database';
import { tempDir } from '../../support/temp-dir';

/** An administrator's URL for the test database, as `--url` takes it. */
const urlOf = (url: string) => `${url}?sslmode=disable`;

describe('reflect central discover and map', () => {
  it('discovers a company database, saves the reviewed map, and reports a column renamed later', async () => {
    const database = await createTestDatabase({ central: true });
    const admin = await database.connect();
    await createForeignSchema(admin);
    const url = urlOf(database.url);
    const file = join(tempDir(), 'map.yaml');

    const found = reflectCli(['central', 'discover', '--url', url, '--out', file]);
    expect(found.stderr).toBe('');
    expect(found.code).toBe(0);
    expect(found.stdout).toContain('The person: crm.person');
    expect(found.stdout).toMatch(/crm\.payment\s+belongs to the person \(2 steps\)/);
    expect(found.stdout).toContain('The sample is recorded in the central audit log.');
    expect(found.stdout).toMatch(/Questions:\n {2}- crm\.newsletter_signup\.email holds emails/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const yaml = readFileSync(file, 'utf8');
    expect(yaml).toMatch(/^# Data map proposed by discovery of database t_/);
    for (const value of FOREIGN_SCHEMA_VALUES) {
      expect(yaml + found.stdout).not.toContain(value);
    }
    // Never over a file unless asked.
    const again = reflectCli(['central', 'discover', '--url', url, '--out', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists; choose another name or agree to replace it');

    // The administrator corrects a guess; the file is checked with the line of each problem.
    writeFileSync(file, yaml.replace(/(loyalty_tier:\n\s+category: )free_text/, '$1preferences'));
    expect(reflectCli(['central', 'map', 'check', '--file', file, '--url', url])).toMatchObject({
      code: 0,
      stdout: `${file} matches the database.\n`,
    });
    const typo = join(tempDir(), 'typo.yaml');
    writeFileSync(typo, yaml.replace('category: financial', 'category: money'));
    const checked = reflectCli(['central', 'map', 'check', '--file', typo]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(
      new RegExp(
        `error INVALID_INPUT: The data map has 1 problem\\(s\\):\\n${typo}:\\d+: tables\\[\\d+\\]\\.columns\\.\\w+\\.category: `,
      ),
    );

    expect(
      reflectCli(['central', 'map', 'save', '--url', url, '--file', file, '--note', 'reviewed']),
    ).toMatchObject({
      code: 0,
      stdout: 'Saved as data map version 1.\n',
    });
    // A second save must say which version it was made from.
    const unsure = reflectCli(['central', 'map', 'save', '--url', url, '--file', file]);
    expect(unsure.code).toBe(1);
    expect(unsure.stderr).toContain('Say which version your file was made from with --base N');
    const shown = reflectCli(['central', 'map', 'show', '--url', url]);
    expect(shown.stdout).toMatch(/^# Data map version 1, saved by /);
    expect(shown.stdout).toContain('category: preferences');

    expect(reflectCli(['central', 'map', 'capture', '--url', url])).toMatchObject({
      code: 0,
      stdout: 'Changes to 9 mapped table(s) are now logged.\n',
    });
    await admin.query("UPDATE crm.person SET loyalty_tier = 'gold' WHERE person_ref = 'P-0000001'");
    expect(
      (await admin.query("SELECT 1 FROM reflect.mapped_changes WHERE table_name = 'crm.person'"))
        .rowCount,
    ).toBe(1);
    expect(reflectCli(['central', 'map', 'uncapture', '--url', url]).stdout).toBe(
      "Capture removed from 9 table(s); the company's tables are as they were.\n",
    );

    await admin.query('ALTER TABLE crm.person RENAME COLUMN email_address TO email');
    const diff = reflectCli(['central', 'map', 'diff', '--url', url]);
    expect(diff.code).toBe(3);
    expect(diff.stdout).toContain(
      'BLOCKING crm.person.email_address is no longer in the database; email appeared instead and may be its new name.',
    );
    // Install (an upgrade) reports it too, and does not fail because of it.
    const install = reflectCli(['central', 'install', '--url', url]);
    expect(install.code).toBe(0);
    expect(install.stdout).toContain('Data map version 1 and the database differ:');
  });
});
