#!/usr/bin/env node
import { normaliseCode } from '../shared/totp';
import { runMfaCommand } from './cli/mfa-commands';
import { runTeamCommand, TEAM_COMMANDS, TEAM_USAGE } from './cli/team-commands';
import { runUninstallCommand, UNINSTALL_COMMANDS, UNINSTALL_USAGE } from './cli/uninstall-command';
import { RECORDS_COMMANDS, RECORDS_USAGE, runRecordsCommand } from './cli/records-commands';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../shared/errors';
import { describeHeldBack } from '../shared/sync-held-back';
import type { Input, Output } from '../shared/ipc/contract';
import type { Channel } from '../shared/ipc/names';
import {
  centralStatus,
  describeCentralStatus,
  describePrune,
  installCentral,
  pruneChangeLog,
  withCentral,
} from './cli/central-commands';
import {
  describeCheckProgress,
  describeClusters,
  describeMerges,
  describeRun,
} from './cli/duplicate-commands';
import { DAILY_COMMANDS, DAILY_USAGE, runDailyCommand } from './cli/daily-commands';
import {
  DATAMAP_COMMANDS,
  DATAMAP_USAGE,
  describeDrift,
  driftOfCurrentMap,
  runDataMapCommand,
} from './cli/datamap-commands';
import { ALERT_COMMANDS, ALERT_USAGE, runAlertCommand } from './cli/alert-commands';
import { RETENTION_COMMANDS, RETENTION_USAGE, runRetentionCommand } from './cli/retention-commands';
import {
  describePackage,
  describeVerification,
  parseRedaction,
  runExport,
  runVerify,
} from './cli/export-commands';
import {
  adminOperation,
  describeActions,
  describeErasurePreview,
  describePolicies,
  listErasurePolicies,
  parseColumnRules,
  parseRectification,
} from './cli/rights-commands';
import { createSecretReader } from './cli/read-secret';
import { seedCentral, writeDuplicateTruth } from './demo/seed-central';
import { duplicateTruth, generateCustomers } from './demo/synthetic-data';
import { dispatch, type Handlers } from './ipc/dispatch';
import { installCrashLogging } from './logs/crash-logging';
import type { DeskLog } from './logs/desk-log';
import { createServices, defaultDataDir } from './services';
import { waitForOtherWritersUpTo } from './db/open';
import packageJson from '../../package.json';

/**
 * `reflect`: the command line over the same services and IPC handlers as the app, so every input
 * is validated the same way and every action lands in the same audit trail. Runs under Node and
 * under Electron as Node (ELECTRON_RUN_AS_NODE=1).
 */

const USAGE = `Usage: reflect <command> [options]

Workspace:
  workspace create --name NAME [--passphrase]   create the workspace (key in the OS keychain,
                                                or derived from a passphrase read from stdin)
  workspace unlock                              check that the workspace opens with its key
  workspace info                                show where the workspace is and how it is protected
  workspace rekey [--to keychain|passphrase]    a new key: in the keychain, or derived from a new
                                                passphrase (default: the current protection)
  workspace backup --to FILE [--force]          an encrypted backup, protected by a passphrase of
                                                its own (asked); --force replaces an older backup
  workspace restore --from FILE [--passphrase]  replace the workspace with a backup (the current
                                                one is moved aside, kept); protected by the
                                                keychain, or by a new passphrase (asked)
  audit verify                                  check the audit chain and name the first broken entry

Central database (administrators):
  central install --url URL                     install or upgrade the Reflect schema and roles
  central status --url URL                      show the installed version, roles and change log
  central mfa enrol --url URL [--totp CODE]     an administrator's two-step secret (otpauth URI and
                                                key, for an authenticator app); moving to a new
                                                phone needs a code of the old one
  central mfa confirm --url URL --totp CODE     confirm the enrolment with the app's first code
  central mfa require --url URL --totp CODE [--off]
                                                refuse admin changes of admins not enrolled (or
                                                allow them again with --off)
  Admin changes (erasure policies, map save and capture, --retention-days) of an enrolled
  administrator take --totp CODE: the code the authenticator app shows now, used once.
  central prune --url URL [--retention-days N] [--ignore-unregistered]
                                                remove change log entries every live desk has
                                                pulled; a desk silent for longer than N days
                                                (stored centrally, default 30) no longer counts
                                                and copies central afresh when it returns

${DATAMAP_USAGE}${ALERT_USAGE}${RETENTION_USAGE}${TEAM_USAGE}${RECORDS_USAGE}${UNINSTALL_USAGE}  demo seed --url URL [--customers N] [--seed S]
                                                write synthetic customers with children and
                                                deliberate duplicates (ground truth in
                                                reflect_demo.duplicate_truth); same seed, same data

Sync:
  central connect --url URL                     set this desk's central database (tested first;
                                                the password goes to the keychain)
  sync --once                                   push queued changes, then pull central's changes
  sync status                                   last sync, pending operations, conflicts

Cases:
  cases list [--overdue]                        open and closed requests, soonest due first
  cases register --out FILE [--format xlsx|csv] [--force]
                                                write the register of requests (every case);
                                                an existing file is replaced only with --force

Carrying out a right (the case: its id or reference):
  case erasure-preview --case REF               central's dry run of the erasure: per table what
                                                is deleted, anonymised or kept (and until when)
  case propose-export --case REF [--redact SPEC]...
                                                propose the package (what it holds and withholds,
                                                SPEC as for export) for a second officer's approval
  case package --case REF                       the package proposed, checked against this desk
  case approve --case REF [--plan HASH | --package HASH] [--note TEXT] | --decline --note TEXT
                                                approve a case as its second officer; an erasure
                                                is approved for the plan hash its preview showed,
                                                an export for the package hash it showed
  case erase --case REF --plan HASH             execute the approved erasure plan
  case withdraw-consents --case REF --purpose P [--purpose P]...
                                                objection, consent withdrawal, opt-out, limit
  case restrict --case REF --customer ID --reason TEXT
  case lift-restriction --case REF --customer ID --reason TEXT
  case rectify --case REF --customer ID --evidence TEXT [--set FIELD=VALUE]...
               [--address ADDRESS_ID:FIELD=VALUE]...
                                                correct identity fields and addresses
  case actions --case REF                       what central confirmed was done for the case
  reappearances list                            records that match a person erased before
  reappearances decide ID --decision keep|erase --note TEXT

Erasure policies (administrators, against central):
  central erasure-policy list --url URL         each table's policy, and tables without one
  central erasure-policy set --url URL --table SCHEMA.TABLE --strategy delete|anonymise|retain
         [--column COL=null|hash|fixed:TEXT]... [--legal-basis TEXT --years N [--from COLUMN]
         --then delete|anonymise]
  central erasure-policy remove --url URL --table SCHEMA.TABLE
  central purge-retained --url URL              delete or anonymise kept rows whose date passed

Exports:
  export --case ID|REFERENCE --out PATH [--format html,pdf,json,csv,xlsx] [--zip [--encrypt]]
         [--redact SPEC]... [--force]
                                                write the case's package to a new folder (or a
                                                .zip; --encrypt asks for a password: AES-256);
                                                --redact TABLE#ROW=REASON, TABLE.COLUMN=REASON or
                                                TABLE.COLUMN#ROW=REASON withholds data
  exports list [--case ID|REFERENCE]            the packages this desk wrote, with checksums
  verify-package PATH [--password]              recompute every checksum in a package folder or
                                                .zip and name each file that differs

Duplicates:
  duplicates check [--incremental]              score likely duplicates over every record (or only
                                                the records changed since the last check)
  duplicates list [--band likely|possible] [--limit N]
                                                candidate clusters, strongest first
  merges list                                   merges made on this desk, with their ids
  merges undo OP_ID                             undo a merge made on this desk

${DAILY_USAGE}
Options:
  --data-dir DIR   workspace folder (default: $REFLECT_DATA_DIR or the app's user data folder)
  --json           print machine-readable JSON
  -h, --help       show this help

Secrets (passphrase, then central password when needed) are typed without echo, or read one per
line from standard input. A password may also be given in the URL.
`;

class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Service errors carry codes; the CLI prints them the same way as IPC failures. */
async function asCliError<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.code, error.message);
    throw error;
  }
}

/** The log of the workspace the running command works on (set by `main`), for `call`. */
let commandLog: DeskLog | null = null;

async function call<C extends Channel>(
  handlers: Handlers,
  channel: C,
  input: Input<C>,
): Promise<Output<C>> {
  const result = await dispatch(handlers, channel, input, (name, error) => {
    console.error(error);
    return commandLog?.internalError(name, error, 'cli') ?? null;
  });
  if (!result.ok) {
    const where =
      result.error.code === 'INTERNAL' && commandLog ? ` The log is at ${commandLog.path}.` : '';
    throw new CliError(result.error.code, result.error.message + where);
  }
  return result.value as Output<C>;
}

/** The command's words; those that take a value after them are known by their first words. */
function commandOf(positionals: string[]): string {
  const [first = '', second = ''] = positionals;
  if (first === 'verify-package' || first === 'search' || first === 'merge') return first;
  const pair = `${first} ${second}`;
  if (pair === 'merges undo' || pair === 'reappearances decide' || pair === 'conflicts resolve') {
    return pair;
  }
  return positionals.join(' ');
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      passphrase: { type: 'boolean', default: false },
      url: { type: 'string' },
      once: { type: 'boolean', default: false },
      customers: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      format: { type: 'string' },
      case: { type: 'string' },
      zip: { type: 'boolean', default: false },
      encrypt: { type: 'boolean', default: false },
      password: { type: 'boolean', default: false },
      redact: { type: 'string', multiple: true, default: [] },
      force: { type: 'boolean', default: false },
      overdue: { type: 'boolean', default: false },
      incremental: { type: 'boolean', default: false },
      band: { type: 'string' },
      limit: { type: 'string', default: '50' },
      customer: { type: 'string' },
      reason: { type: 'string' },
      note: { type: 'string' },
      alert: { type: 'string' },
      rule: { type: 'string' },
      enabled: { type: 'string' },
      threshold: { type: 'string' },
      window: { type: 'string' },
      hours: { type: 'string' },
      days: { type: 'string' },
      keep: { type: 'string' },
      category: { type: 'string' },
      anchor: { type: 'string' },
      policy: { type: 'string' },
      every: { type: 'string' },
      at: { type: 'string' },
      hold: { type: 'string' },
      now: { type: 'boolean', default: false },
      plan: { type: 'string' },
      package: { type: 'string' },
      purpose: { type: 'string', multiple: true, default: [] },
      evidence: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
      address: { type: 'string', multiple: true, default: [] },
      decision: { type: 'string' },
      decline: { type: 'boolean', default: false },
      table: { type: 'string' },
      strategy: { type: 'string' },
      column: { type: 'string', multiple: true, default: [] },
      'legal-basis': { type: 'string' },
      years: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      then: { type: 'string' },
      'retention-days': { type: 'string' },
      totp: { type: 'string' },
      off: { type: 'boolean', default: false },
      'ignore-unregistered': { type: 'boolean', default: false },
      type: { type: 'string' },
      email: { type: 'string', multiple: true, default: [] },
      phone: { type: 'string', multiple: true, default: [] },
      jurisdiction: { type: 'string' },
      received: { type: 'string' },
      zone: { type: 'string' },
      channel: { type: 'string' },
      assignee: { type: 'string' },
      action: { type: 'string' },
      method: { type: 'string' },
      informed: { type: 'string' },
      survivor: { type: 'string' },
      resolution: { type: 'string' },
      schema: { type: 'string', multiple: true, default: [] },
      sample: { type: 'string' },
      login: { type: 'string' },
      activity: { type: 'string' },
      xlsx: { type: 'string' },
      pdf: { type: 'string' },
      language: { type: 'string' },
      organisation: { type: 'string' },
      file: { type: 'string' },
      base: { type: 'string' },
      'data-dir': { type: 'string' },
      confirm: { type: 'string' },
      'audit-out': { type: 'string' },
      'discard-audit': { type: 'boolean', default: false },
      'delete-reference-data': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  // verify-package takes the package as a positional argument.
  const command = commandOf(positionals);
  if (values.help || command === '') {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }

  // A command may run beside the app or another command on the same workspace: it waits for
  // their writes (SQLite lets one writer in at a time) rather than failing after five seconds.
  waitForOtherWritersUpTo(120_000);
  const readSecret = createSecretReader();
  // A new secret typed at a terminal is asked twice: a typo would lock the officer out.
  const readNewSecret = async (prompt: string): Promise<string> => {
    const first = await readSecret(prompt);
    if (!process.stdin.isTTY) return first;
    if ((await readSecret('Again, to confirm: ')) !== first) {
      throw new CliError('INVALID_INPUT', 'The two entries differ; nothing was changed.');
    }
    return first;
  };
  const { handlers, workspace, cases, exports, log } = createServices({
    dataDir: values['data-dir'] ?? defaultDataDir(),
    version: packageJson.version,
    // Long syncs show where they are, one line per page, on stderr (stdout stays for results).
    onSyncProgress: (p) => {
      const size = p.rowsTotal ? ` of ~${p.rowsTotal}` : '';
      const what =
        p.phase === 'snapshot'
          ? `snapshot ${p.table ?? ''} ${p.rowsDone}${size} rows`
          : p.phase === 'indexing'
            ? `indexing ${p.rowsDone}${size} customers`
            : `replay ${p.rowsDone} changes`;
      process.stderr.write(`sync: ${what} (${p.rowsPerSecond}/s)\n`);
    },
    onDedupeProgress: (p) => process.stderr.write(describeCheckProgress(p)),
    onExportProgress: (p) => {
      if (p.phase === 'writing' || p.phase === 'archiving') {
        process.stderr.write(`export: ${p.phase} ${p.file ?? ''} ${p.done}/${p.total}\n`);
      }
    },
  });
  commandLog = log;
  // A command that crashes still ends as Node ends it, with what it hit in the log first.
  const stopCrashLogging = installCrashLogging(log, {
    process: 'cli',
    keepRunningOnRejection: false,
  });
  const print = (value: unknown, text: string): void => {
    process.stdout.write(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
  };
  const requireUrl = (): string => {
    if (values.url === undefined) throw new CliError('INVALID_INPUT', '--url is required.');
    return values.url;
  };
  // An enrolled administrator's change spends a two-step code (central migration 23).
  const totpOption = (): string | undefined => {
    if (values.totp === undefined) return undefined;
    const code = normaliseCode(values.totp);
    if (code === null) throw new CliError('INVALID_INPUT', '--totp is the six-digit code.');
    return code;
  };
  const unlock = async (): Promise<void> => {
    const status = await call(handlers, 'workspace:status', {});
    const passphrase =
      status.workspace?.keyMode === 'passphrase' ? await readSecret('Passphrase: ') : undefined;
    await call(handlers, 'workspace:unlock', passphrase === undefined ? {} : { passphrase });
  };
  const describeSync = (o: Output<'sync:status'>): string =>
    [
      `State:     ${o.state}`,
      `Central:   ${o.connection ? `${o.connection.user}@${o.connection.host}:${o.connection.port}/${o.connection.database} (${o.connection.sslMode})` : 'not set'}`,
      `Last sync: ${o.lastSyncAt ?? 'never'}${o.lastError ? ` (last error: ${o.lastError})` : ''}`,
      `Pending:   ${o.pendingOperations} operation(s), ${o.openConflicts} conflict(s) to resolve`,
      ...(o.heldBack ? [`Held back: ${describeHeldBack(o.heldBack, new Date())}`] : []),
    ].join('\n');

  try {
    if (DATAMAP_COMMANDS.has(command)) {
      return await runDataMapCommand(command, values, {
        url: requireUrl,
        withCentral: (url, run) => withCentral(url, readSecret, run, totpOption()),
        print,
        fail: (code, message) => {
          throw new CliError(code, message);
        },
      });
    }
    if (ALERT_COMMANDS.has(command)) {
      return await runAlertCommand(command, values, {
        url: requireUrl,
        withCentral: (url, run) => withCentral(url, readSecret, run, totpOption()),
        print,
        fail: (code, message) => {
          throw new CliError(code, message);
        },
      });
    }
    if (RETENTION_COMMANDS.has(command)) {
      return await runRetentionCommand(command, values, {
        url: requireUrl,
        withCentral: (url, run) => withCentral(url, readSecret, run, totpOption()),
        print,
        fail: (code, message) => {
          throw new CliError(code, message);
        },
      });
    }
    if (RECORDS_COMMANDS.has(command)) {
      return await runRecordsCommand(command, values, {
        url: requireUrl,
        withCentral: (url, run) => withCentral(url, readSecret, run, totpOption()),
        print,
        fail: (code, message) => {
          throw new CliError(code, message);
        },
      });
    }
    if (TEAM_COMMANDS.has(command)) {
      return await runTeamCommand(command, values, {
        url: requireUrl,
        withCentral: (url, run) => withCentral(url, readSecret, run),
        print,
        fail: (code, message) => {
          throw new CliError(code, message);
        },
      });
    }
    if (UNINSTALL_COMMANDS.has(command)) {
      return await runUninstallCommand(values, {
        url: requireUrl,
        withCentral: (url, run) => withCentral(url, readSecret, run),
        print,
        fail: (code, message) => {
          throw new CliError(code, message);
        },
      });
    }
    if (DAILY_COMMANDS.has(command)) {
      await unlock();
      return await runDailyCommand(command, positionals, values, {
        call: (channel, input) => call(handlers, channel, input),
        resolveCase: (reference) => asCliError(() => exports.resolveCase(reference)),
        print,
        fail: (message) => {
          throw new CliError('INVALID_INPUT', message);
        },
        now: () => new Date(),
      });
    }
    switch (command) {
      case 'workspace create': {
        if (values.name === undefined) throw new CliError('INVALID_INPUT', '--name is required.');
        const passphrase = values.passphrase ? await readSecret('New passphrase: ') : undefined;
        const status = await call(handlers, 'workspace:create', {
          name: values.name,
          keyMode: values.passphrase ? 'passphrase' : 'keychain',
          ...(passphrase === undefined ? {} : { passphrase }),
        });
        print(
          status,
          `Created workspace "${values.name}" at ${status.workspace?.databasePath ?? ''}`,
        );
        return 0;
      }
      case 'workspace unlock': {
        await unlock();
        const status = await call(handlers, 'workspace:status', {});
        print(
          status,
          `Unlocked "${status.workspace?.name ?? ''}" (schema version ${status.workspace?.schemaVersion ?? '?'}).`,
        );
        return 0;
      }
      case 'workspace info': {
        const status = await call(handlers, 'workspace:status', {});
        const w = status.workspace;
        print(
          status,
          w
            ? [
                `Workspace: ${w.name} (${w.id})`,
                `State:     ${status.state}`,
                `Key:       ${w.keyMode === 'keychain' ? 'OS keychain' : 'passphrase (scrypt)'}`,
                `Created:   ${w.createdAt}`,
                `Replica:   ${w.databasePath}`,
                `Keychain:  ${status.keychainAvailable ? 'available' : `unavailable (${status.keychainProblem ?? ''})`}`,
              ].join('\n')
            : `No workspace yet. Create one with: reflect workspace create --name NAME`,
        );
        return 0;
      }
      case 'workspace rekey': {
        await unlock();
        const current = (await call(handlers, 'workspace:status', {})).workspace;
        const keyMode = values.to ?? current?.keyMode ?? 'keychain';
        if (keyMode !== 'keychain' && keyMode !== 'passphrase') {
          throw new CliError('INVALID_INPUT', '--to is keychain or passphrase.');
        }
        const passphrase =
          keyMode === 'passphrase' ? await readNewSecret('New passphrase: ') : undefined;
        const status = await call(handlers, 'workspace:change-key', {
          keyMode,
          ...(passphrase === undefined ? {} : { passphrase }),
        });
        print(
          status,
          `The workspace has a new key, ${keyMode === 'keychain' ? 'kept in the OS keychain' : 'derived from the new passphrase'}.`,
        );
        return 0;
      }
      case 'workspace backup': {
        if (values.to === undefined) throw new CliError('INVALID_INPUT', '--to FILE is required.');
        await unlock();
        const passphrase = await readNewSecret('Backup passphrase: ');
        const written = await asCliError(() =>
          workspace.backup({ path: resolve(values.to ?? ''), passphrase, overwrite: values.force }),
        );
        print(
          written,
          `Backed up ${written.customers} customer(s) to ${written.path} (${written.bytes} bytes, database sha256 ${written.sha256}). Keep the backup passphrase: without it the backup cannot be restored.`,
        );
        return 0;
      }
      case 'workspace restore': {
        if (values.from === undefined) {
          throw new CliError('INVALID_INPUT', '--from FILE is required.');
        }
        const passphrase = await readSecret('Backup passphrase: ');
        const newPassphrase = values.passphrase
          ? await readNewSecret('New workspace passphrase: ')
          : undefined;
        const restored = await asCliError(() =>
          workspace.restore({
            path: resolve(values.from ?? ''),
            passphrase,
            target: {
              keyMode: newPassphrase === undefined ? 'keychain' : 'passphrase',
              ...(newPassphrase === undefined ? {} : { passphrase: newPassphrase }),
            },
          }),
        );
        print(
          restored,
          [
            `Restored "${restored.status.workspace?.name ?? ''}" from ${values.from}.`,
            restored.movedAsideTo
              ? `The workspace it replaced is kept in ${restored.movedAsideTo}.`
              : 'There was no workspace here before.',
          ].join('\n'),
        );
        return 0;
      }
      case 'audit verify': {
        await unlock();
        const result = await call(handlers, 'audit:verify', {});
        print(
          result,
          result.ok
            ? `Audit chain intact: ${result.entries} entries.${result.central ? ` ${result.central}` : ''}`
            : `Audit chain BROKEN at entry #${result.brokenAt}: ${result.reason}`,
        );
        return result.ok ? 0 : 3;
      }
      case 'central install': {
        const result = await withCentral(requireUrl(), readSecret, async (client) => {
          const applied = await installCentral(client);
          return {
            ...applied,
            status: await centralStatus(client),
            dataMap: await driftOfCurrentMap(client),
          };
        });
        const drift = result.dataMap
          ? `\n${describeDrift(result.dataMap.findings, result.dataMap.version)}`
          : '';
        print(
          result,
          (result.from === result.to
            ? `Already up to date (schema version ${result.to}).`
            : `Installed schema versions ${result.from + 1} to ${result.to}.\n${describeCentralStatus(result.status)}`) +
            drift,
        );
        return 0;
      }
      case 'central mfa enrol':
      case 'central mfa confirm':
      case 'central mfa require': {
        return await runMfaCommand(command, {
          url: requireUrl(),
          totp: totpOption(),
          off: values.off,
          readSecret,
          withCentral: (url, run) => withCentral(url, readSecret, run),
          print,
        });
      }
      case 'central status': {
        const status = await withCentral(requireUrl(), readSecret, centralStatus);
        print(status, describeCentralStatus(status));
        return 0;
      }
      case 'central prune': {
        const days = values['retention-days'];
        const retentionDays = days === undefined ? undefined : Number(days);
        if (
          retentionDays !== undefined &&
          (!Number.isSafeInteger(retentionDays) || retentionDays < 1 || retentionDays > 3650)
        ) {
          throw new CliError('INVALID_INPUT', '--retention-days is a whole number from 1 to 3650.');
        }
        const result = await withCentral(requireUrl(), readSecret, (client) =>
          pruneChangeLog(client, {
            ...(retentionDays === undefined ? {} : { retentionDays }),
            ignoreUnregistered: values['ignore-unregistered'],
            ...(values.totp === undefined ? {} : { totp: totpOption() }),
          }),
        );
        print(result, describePrune(result));
        return result.status === 'pruned' ? 0 : 3;
      }
      case 'demo seed': {
        const options = { customers: Number(values.customers), seed: Number(values.seed) };
        if (!Number.isSafeInteger(options.customers) || options.customers < 1) {
          throw new CliError('INVALID_INPUT', '--customers must be a positive whole number.');
        }
        if (!Number.isSafeInteger(options.seed)) {
          throw new CliError('INVALID_INPUT', '--seed must be a whole number.');
        }
        const started = Date.now();
        const written = await withCentral(requireUrl(), readSecret, async (client) => {
          const count = await seedCentral(client, generateCustomers(options), (done) => {
            if (!values.json) process.stderr.write(`\rSeeded ${done} customers`);
          });
          await writeDuplicateTruth(client, duplicateTruth(options));
          return count;
        });
        const seconds = (Date.now() - started) / 1000;
        if (!values.json) process.stderr.write('\n');
        print(
          { customers: written, seed: options.seed, seconds },
          `Seeded ${written} customers (seed ${options.seed}) in ${seconds.toFixed(1)} s.`,
        );
        return 0;
      }
      case 'central connect': {
        const url = requireUrl();
        await unlock();
        const hasPassword = new URL(url).password !== '';
        const overview = await call(handlers, 'sync:connect', {
          url,
          ...(hasPassword ? {} : { password: await readSecret('Central database password: ') }),
        });
        print(overview, `Connected.\n${describeSync(overview)}`);
        return 0;
      }
      case 'sync': {
        if (!values.once) {
          throw new CliError('INVALID_INPUT', 'Use --once: continuous sync runs in the app.');
        }
        await unlock();
        const overview = await call(handlers, 'sync:run', {});
        print(overview, describeSync(overview));
        return overview.state === 'offline' ? 4 : 0;
      }
      case 'sync status': {
        await unlock();
        const overview = await call(handlers, 'sync:status', {});
        print(overview, describeSync(overview));
        return 0;
      }
      case 'cases list': {
        await unlock();
        const list = await call(handlers, 'cases:list', {
          filters: { overdueOnly: values.overdue },
        });
        print(
          list,
          [
            `${list.total} case(s), ${list.overdue} overdue, ${list.dueSoon} due within ${list.dueSoonDays} days`,
            ...list.cases.map(
              (c) =>
                `${(c.reference ?? '(not numbered)').padEnd(16)} ${c.deadline.dueDate}  ${c.deadline.state.padEnd(8)} ${c.status.padEnd(18)} ${c.requestType.padEnd(18)} ${c.requesterName}`,
            ),
          ].join('\n'),
        );
        return 0;
      }
      case 'cases register': {
        if (values.out === undefined)
          throw new CliError('INVALID_INPUT', '--out FILE is required.');
        const format = values.format ?? 'xlsx';
        if (format !== 'xlsx' && format !== 'csv') {
          throw new CliError('INVALID_INPUT', '--format is xlsx or csv.');
        }
        await unlock();
        const written = await asCliError(() =>
          cases.exportRegister(format, resolve(values.out ?? ''), { overwrite: values.force }),
        );
        print(
          written,
          `${written.cases} case(s) written to ${written.path} (sha256 ${written.sha256})`,
        );
        return 0;
      }
      case 'export': {
        if (values.case === undefined || values.out === undefined) {
          throw new CliError('INVALID_INPUT', '--case and --out are required.');
        }
        if (values.encrypt && !values.zip) {
          throw new CliError(
            'INVALID_INPUT',
            '--encrypt needs --zip: only an archive is encrypted.',
          );
        }
        await unlock();
        const password = values.encrypt ? await readSecret('Archive password: ') : null;
        const record = await asCliError(() =>
          runExport(
            exports,
            {
              caseRef: values.case ?? '',
              out: values.out ?? '',
              formats: values.format,
              zip: values.zip,
              password,
              redactions: values.redact,
              force: values.force,
            },
            (warning) => process.stderr.write(`warning: ${warning}\n`),
          ),
        );
        print(
          record,
          [
            `Wrote ${record.path} (${record.files.length} files, ${record.rows} rows, ${record.bytes} bytes)`,
            `manifest.json sha256 ${record.manifestSha256}`,
            ...(record.archiveSha256 ? [`archive sha256 ${record.archiveSha256}`] : []),
            ...(record.redactions.length > 0
              ? [`${record.redactions.length} redaction(s) recorded in the manifest`]
              : []),
          ].join('\n'),
        );
        return 0;
      }
      case 'exports list': {
        await unlock();
        const caseId =
          values.case === undefined
            ? null
            : await asCliError(() => exports.resolveCase(values.case ?? ''));
        const list = await call(handlers, 'exports:list', { caseId });
        print(
          list,
          list.length === 0
            ? 'No exports on this desk.'
            : list
                .map(
                  (e) =>
                    `${e.createdAt}  ${(e.caseReference ?? e.caseId).padEnd(16)} ${e.formats.join(',').padEnd(18)} ${e.path}\n    manifest ${e.manifestSha256}${e.lastVerification ? `  last check: ${e.lastVerification.ok ? 'intact' : 'CHANGED'} ${e.lastVerification.at}` : ''}`,
                )
                .join('\n'),
        );
        return 0;
      }
      case 'duplicates check': {
        await unlock();
        const run = await call(handlers, 'duplicates:check', {
          kind: values.incremental ? 'incremental' : 'full',
        });
        print(run, describeRun(run));
        return 0;
      }
      case 'duplicates list': {
        await unlock();
        const band = values.band ?? 'all';
        if (band !== 'all' && band !== 'likely' && band !== 'possible') {
          throw new CliError('INVALID_INPUT', '--band is likely or possible.');
        }
        const page = await call(handlers, 'duplicates:clusters', {
          band,
          minSize: 2,
          text: '',
          offset: 0,
          limit: Number(values.limit),
        });
        print(page, describeClusters(page));
        return 0;
      }
      case 'merges list': {
        await unlock();
        const merges = await call(handlers, 'duplicates:merges', { customerId: null });
        print(merges, describeMerges(merges));
        return 0;
      }
      case 'merges undo': {
        await unlock();
        const merge = await call(handlers, 'duplicates:unmerge', { opId: positionals[2] ?? '' });
        print(merge, describeMerges([merge]));
        return 0;
      }
      case 'case erasure-preview':
      case 'case propose-export':
      case 'case package':
      case 'case approve':
      case 'case erase':
      case 'case withdraw-consents':
      case 'case restrict':
      case 'case lift-restriction':
      case 'case rectify':
      case 'case actions': {
        if (values.case === undefined) throw new CliError('INVALID_INPUT', '--case is required.');
        await unlock();
        const caseId = await asCliError(() => exports.resolveCase(values.case ?? ''));
        const customer = (): number => {
          const id = Number(values.customer);
          if (!Number.isSafeInteger(id) || id < 1) {
            throw new CliError('INVALID_INPUT', '--customer ID is required (a customer id).');
          }
          return id;
        };
        const done = (detail: Output<'cases:get'>): number => {
          print(
            detail,
            `${detail.reference ?? caseId}: ${detail.status}\n${describeActions(detail)}`,
          );
          return 0;
        };
        if (command === 'case erasure-preview') {
          const plan = await call(handlers, 'rights:erasure-preview', { caseId });
          print(plan, describeErasurePreview(plan));
          return plan.complete ? 0 : 3;
        }
        if (command === 'case propose-export') {
          const proposed = await call(handlers, 'exports:propose', {
            caseId,
            redactions: values.redact.map(parseRedaction),
          });
          print(proposed, `${describePackage(proposed.contents)}\nPackage hash: ${proposed.hash}`);
          return 0;
        }
        if (command === 'case package') {
          const proposed = await call(handlers, 'exports:proposed', { caseId });
          print(
            proposed,
            `Proposed by ${proposed.proposedBy} on ${proposed.proposedAt}\n${describePackage(proposed.contents)}\nPackage hash: ${proposed.contentsHash}${proposed.matchesThisDesk ? '' : '\nTHIS DESK COMPUTES ANOTHER PACKAGE: sync, then look again.'}`,
          );
          return proposed.matchesThisDesk ? 0 : 3;
        }
        if (command === 'case approve') {
          const detail = await call(handlers, 'cases:get', { caseId });
          return done(
            await call(handlers, 'cases:act', {
              caseId,
              baseVersion: detail.version,
              act: {
                action: 'decide-approval',
                decision: values.decline ? 'declined' : 'approved',
                note: values.note ?? null,
                planHash: values.plan ?? null,
                exportHash: values.package ?? null,
              },
            }),
          );
        }
        if (command === 'case erase') {
          return done(
            await call(handlers, 'rights:erase', { caseId, planHash: values.plan ?? '' }),
          );
        }
        if (command === 'case withdraw-consents') {
          return done(
            await call(handlers, 'rights:withdraw-consents', { caseId, purposes: values.purpose }),
          );
        }
        if (command === 'case restrict' || command === 'case lift-restriction') {
          const input = { caseId, customerId: customer(), reason: values.reason ?? '' };
          return done(
            await call(
              handlers,
              command === 'case restrict' ? 'rights:restrict' : 'rights:lift-restriction',
              input,
            ),
          );
        }
        if (command === 'case rectify') {
          const parsed = await asCliError(() => parseRectification(values.set, values.address));
          return done(
            await call(handlers, 'rights:rectify', {
              caseId,
              customerId: customer(),
              evidence: values.evidence ?? '',
              ...parsed,
            }),
          );
        }
        return done(await call(handlers, 'cases:get', { caseId }));
      }
      case 'reappearances list': {
        await unlock();
        const flagged = await call(handlers, 'rights:reappearances', {});
        print(
          flagged,
          flagged.length === 0
            ? 'No record waits for a decision.'
            : flagged
                .map(
                  (r) =>
                    `${r.reappearanceId}  customer ${r.customerId} matches a person erased on ${r.erasedAt.slice(0, 10)} under ${r.caseReference} (same ${r.matchedOn.join(', ')})`,
                )
                .join('\n'),
        );
        return 0;
      }
      case 'reappearances decide': {
        const id = positionals[2];
        if (id === undefined)
          throw new CliError('INVALID_INPUT', 'Give the flagged record: reappearances decide ID');
        if (values.decision !== 'keep' && values.decision !== 'erase') {
          throw new CliError('INVALID_INPUT', '--decision is keep or erase.');
        }
        await unlock();
        const left = await call(handlers, 'rights:decide-reappearance', {
          reappearanceId: id,
          decision: values.decision,
          note: values.note ?? '',
        });
        print(left, `Decided. ${left.length} record(s) still wait for a decision.`);
        return 0;
      }
      case 'central erasure-policy list': {
        const list = await withCentral(requireUrl(), readSecret, listErasurePolicies);
        print(list, describePolicies(list));
        return list.withoutPolicy.length === 0 ? 0 : 3;
      }
      case 'central erasure-policy set':
      case 'central erasure-policy remove':
      case 'central purge-retained': {
        const url = requireUrl();
        const kind =
          command === 'central erasure-policy set'
            ? 'erasure.set-policy'
            : command === 'central erasure-policy remove'
              ? 'erasure.remove-policy'
              : 'erasure.purge-due';
        const payload =
          kind === 'erasure.purge-due'
            ? {}
            : {
                table: values.table ?? '',
                strategy: values.strategy,
                columns: await asCliError(() => parseColumnRules(values.column)),
                legal_basis: values['legal-basis'] ?? null,
                retain_years: values.years === undefined ? null : Number(values.years),
                retain_from: values.from ?? null,
                then_strategy: values.then ?? null,
              };
        const outcome = await asCliError(() =>
          withCentral(
            url,
            readSecret,
            (client) => adminOperation(client, kind, payload),
            totpOption(),
          ),
        );
        print(
          outcome,
          kind === 'erasure.purge-due'
            ? `Purged: ${JSON.stringify((outcome.audit as Record<string, unknown> | undefined) ?? outcome)}`
            : 'Saved.',
        );
        return 0;
      }
      case 'verify-package': {
        const path = positionals[1] ?? values.out;
        if (path === undefined)
          throw new CliError('INVALID_INPUT', 'Give the package: verify-package PATH');
        const password = values.password ? await readSecret('Archive password: ') : null;
        const result = await asCliError(() => runVerify(path, password));
        print(result, describeVerification(result));
        return result.ok ? 0 : 3;
      }
      default:
        process.stderr.write(`Unknown command: ${command}\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`error ${error.code}: ${error.message}\n`);
      return 1;
    }
    // Not one of the app's coded failures (a server refusing, a bug): kept in the log by its id.
    const incident = log.incident({ event: 'internal-error', process: 'cli', error });
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (incident !== null)
      process.stderr.write(`(logged as incident ${incident} in ${log.path})\n`);
    return 1;
  } finally {
    await workspace.close();
    stopCrashLogging();
    commandLog = null;
  }
}

/** The packaged app's `--cli` entry point calls this; under Node the module runs it itself. */
export const runCli = main;

if (isRunDirectly()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? `error: ${error.message}` : error);
      process.exitCode = 1;
    },
  );
}

/** Whether Node was started on this file (`node out/main/cli.js`, or the `reflect` link to it). */
function isRunDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}
