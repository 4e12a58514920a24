import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reflectCli } from '../../support/reflect-cli';
import { createLoginRole, createTestDatabase } from '../../support/postgres-database';
import { tempDir } from '../../support/temp-dir';

describe('reflect central records', () => {
  it('proposes, saves from a file (naming the line of a problem), lists, exports and removes', async () => {
    const database = await createTestDatabase({ central: true });
    const admin = `${await createLoginRole(database, 'reflect_admin')}?sslmode=disable`;
    const officer = `${await createLoginRole(database, 'reflect_officer')}?sslmode=disable`;
    const dir = tempDir();
    const proposal = join(dir, 'proposal.yaml');

    expect(
      reflectCli(['central', 'records', 'prefill', '--url', officer, '--out', proposal]),
    ).toMatchObject({ code: 0, stdout: expect.stringMatching(/Wrote 6 proposed activities/) });
    const yaml = readFileSync(proposal, 'utf8');
    expect(yaml).toMatch(/^# Proposed records of processing/);
    expect(yaml).toContain('activity_id: orders');

    // An officer may read and propose, not save.
    const refused = reflectCli(['central', 'records', 'set', '--url', officer, '--file', proposal]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Only an administrator's login/);

    // A category the data map does not know, reported at its line before anything is sent.
    const lines = yaml.split('\n');
    const at = lines.findIndex((l) => /^\s+- financial$/.test(l));
    expect(at).toBeGreaterThan(0);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      lines.map((l, i) => (i === at ? l.replace('financial', 'shoe_size') : l)).join('\n'),
    );
    const bad = reflectCli(['central', 'records', 'set', '--url', admin, '--file', broken]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(`broken.yaml:${at + 1}: activities[2].data_categories[0]`);

    expect(
      reflectCli(['central', 'records', 'set', '--url', admin, '--file', proposal]),
    ).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Saved identity, addresses, orders/),
    });
    expect(
      reflectCli(['central', 'records', 'set', '--url', admin, '--file', proposal]).stdout,
    ).toMatch(/No change/);
    const listed = reflectCli(['central', 'records', 'list', '--url', officer]);
    expect(listed.stdout).toMatch(/orders\s+v1\s+Orders and purchases\s+financial/);

    const xlsx = join(dir, 'register.xlsx');
    expect(
      reflectCli([
        'central',
        'records',
        'export',
        '--url',
        officer,
        '--xlsx',
        xlsx,
        '--language',
        'fr',
      ]),
    ).toMatchObject({ code: 0, stdout: expect.stringMatching(/version 6, 6 activities/) });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.getWorksheet('Activités')?.getCell('C1').value).toBe('Finalités');
    // The file is there now: replaced only with --force.
    const again = reflectCli(['central', 'records', 'export', '--url', officer, '--xlsx', xlsx]);
    expect(again.stderr).toMatch(/exists; choose another name/);
    const pdf = join(dir, 'register.pdf');
    expect(reflectCli(['central', 'records', 'export', '--url', officer, '--pdf', pdf]).code).toBe(
      0,
    );
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    expect(
      reflectCli([
        'central',
        'records',
        'remove',
        '--url',
        admin,
        '--activity',
        'events',
        '--base',
        '1',
      ]).stdout,
    ).toMatch(/Removed events; its versions stay in the history/);
    expect(reflectCli(['central', 'records', 'list', '--url', officer]).stdout).not.toMatch(
      /^events/m,
    );
    // Eleven processes, each starting Node and connecting: slow on a loaded machine.
  }, 180_000);
});
