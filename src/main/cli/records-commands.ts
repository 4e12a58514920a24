import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import { REQUESTER_LANGUAGES, type RequesterLanguage } from '../../shared/requester-languages';
import { describeProblems } from '../datamap/datamap-file';
import { currentDataMap } from '../datamap/datamap-store';
import { REFERENCE_DATA_MAP } from '../datamap/reference-data-map';
import { checkDestination, writeAtomically } from '../export/safe-file';
import { defaultStatement } from '../export/statement-defaults';
import { MAX_RECORDS_FILE_BYTES, parseActivities, writeActivities } from '../records/records-file';
import { proposeActivities, readRetentionRules } from '../records/records-prefill';
import { readRegister, writeRegister } from '../records/records-register';
import { readActivities, removeActivity, saveActivities } from '../records/records-store';
import { type CentralCommandContext, reportingAppErrors } from './central-command';

export const RECORDS_COMMANDS = new Set([
  'central records list',
  'central records prefill',
  'central records set',
  'central records remove',
  'central records export',
]);

export const RECORDS_USAGE = `  central records list --url URL                the records of processing (Art. 30), one line per
                                                activity (--json: every field)
  central records prefill --url URL [--out FILE] [--force]
                                                propose activities from the data map in force and
                                                the shipped access statement (YAML); saves nothing
  central records set --url URL --file FILE     save the activities of a YAML or JSON file
                                                (administrators; every problem named with its line)
  central records remove --url URL --activity ID [--base N]
                                                remove an activity; its versions stay in the history
  central records export --url URL (--xlsx FILE | --pdf FILE) [--language L]
                         [--organisation NAME] [--force]
                                                the register as a spreadsheet or a printable PDF
                                                (headings in L: en, de, fr, es, it, nl)

`;

export interface RecordsOptions {
  file?: string;
  out?: string;
  activity?: string;
  base?: string;
  xlsx?: string;
  pdf?: string;
  language?: string;
  organisation?: string;
  force: boolean;
}

/** `reflect central records ...`: the records of processing activities, kept centrally. */
export async function runRecordsCommand(
  command: string,
  values: RecordsOptions,
  ctx: CentralCommandContext,
): Promise<number> {
  return reportingAppErrors(ctx, () => runCommand(command, values, ctx));
}

async function runCommand(
  command: string,
  values: RecordsOptions,
  ctx: CentralCommandContext,
): Promise<number> {
  if (command === 'central records list') {
    const activities = await ctx.withCentral(ctx.url(), readActivities);
    ctx.print(
      { activities },
      activities.length === 0
        ? 'The records of processing are empty. Propose activities with: reflect central records prefill --url URL --out FILE'
        : activities
            .map(
              (a) =>
                `${a.activity_id.padEnd(24)} v${String(a.version).padEnd(4)} ${a.name.padEnd(36)} ${a.data_categories.join(', ')}`,
            )
            .join('\n'),
    );
    return 0;
  }
  if (command === 'central records prefill') {
    const proposed = await ctx.withCentral(ctx.url(), async (client) =>
      proposeActivities({
        map: (await currentDataMap(client))?.map ?? REFERENCE_DATA_MAP,
        statements: Object.fromEntries(
          REQUESTER_LANGUAGES.map((l) => [l, defaultStatement(l, 'Our company')]),
        ) as Record<RequesterLanguage, ReturnType<typeof defaultStatement>>,
        retention: await readRetentionRules(client),
        controllerContact: '',
        dpoContact: '',
      }),
    );
    const yaml = writeActivities(
      proposed.map(({ base_version: _, ...a }) => a),
      'Proposed records of processing: review every text, then save with\nreflect central records set --url URL --file FILE',
    );
    if (values.out === undefined) {
      process.stdout.write(yaml);
      return 0;
    }
    const full = resolve(values.out);
    checkDestination(full, { overwrite: values.force });
    await writeAtomically(full, (temporary) => writeFile(temporary, yaml, 'utf8'));
    ctx.print(
      { path: full, activities: proposed.length },
      `Wrote ${proposed.length} proposed activities to ${full}.`,
    );
    return 0;
  }
  if (command === 'central records set') {
    if (values.file === undefined) return ctx.fail('INVALID_INPUT', '--file is required.');
    const activities = await readActivitiesFile(values.file);
    const outcome = await ctx.withCentral(ctx.url(), (client) =>
      saveActivities(client, activities),
    );
    ctx.print(
      outcome,
      outcome.changed.length === 0
        ? `No change: the ${outcome.unchanged} activities are saved as they are.`
        : `Saved ${outcome.changed.join(', ')}${outcome.unchanged ? ` (${outcome.unchanged} unchanged)` : ''}.`,
    );
    return 0;
  }
  if (command === 'central records remove') {
    if (values.activity === undefined) return ctx.fail('INVALID_INPUT', '--activity is required.');
    const base = values.base === undefined ? null : Number(values.base);
    if (base !== null && !(Number.isInteger(base) && base > 0)) {
      return ctx.fail('INVALID_INPUT', '--base is the version the activity had, a whole number.');
    }
    const id = values.activity;
    await ctx.withCentral(ctx.url(), (client) => removeActivity(client, id, base));
    ctx.print({ removed: id }, `Removed ${id}; its versions stay in the history.`);
    return 0;
  }
  if (command === 'central records export') {
    if ((values.xlsx === undefined) === (values.pdf === undefined)) {
      return ctx.fail('INVALID_INPUT', 'Give one of --xlsx FILE or --pdf FILE.');
    }
    const language = values.language ?? 'en';
    if (!(REQUESTER_LANGUAGES as readonly string[]).includes(language)) {
      return ctx.fail('INVALID_INPUT', `--language is one of ${REQUESTER_LANGUAGES.join(', ')}.`);
    }
    const format = values.xlsx !== undefined ? 'xlsx' : 'pdf';
    const path = resolve(values.xlsx ?? values.pdf ?? '');
    const organisation = values.organisation ?? 'Our company';
    const snapshot = await ctx.withCentral(ctx.url(), (client) =>
      readRegister(client, organisation, language as RequesterLanguage, new Date()),
    );
    const written = await writeRegister(format, path, snapshot, { overwrite: values.force });
    ctx.print(
      { ...written, activities: snapshot.activities.length },
      `Wrote the register (version ${written.version}, ${snapshot.activities.length} activities) to ${written.path}.`,
    );
    return 0;
  }
  return ctx.fail('INVALID_INPUT', `Unknown command: ${command}`);
}

async function readActivitiesFile(path: string) {
  const full = resolve(path);
  if (!existsSync(full) || !statSync(full).isFile()) {
    throw new AppError('INVALID_INPUT', `There is no file ${full}.`);
  }
  if (statSync(full).size > MAX_RECORDS_FILE_BYTES) {
    throw new AppError(
      'INVALID_INPUT',
      `${full} is larger than 2 MB: it is not a list of activities.`,
    );
  }
  const read = parseActivities(await readFile(full, 'utf8'));
  if (!read.ok) {
    throw new AppError(
      'INVALID_INPUT',
      `The file has ${read.problems.length} problem(s):\n${describeProblems(read.problems, path)}`,
    );
  }
  return read.activities;
}
