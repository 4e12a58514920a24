#!/usr/bin/env node
import { parseArgs } from 'node:util';
import type { Input, Output } from '../shared/ipc/contract';
import type { Channel } from '../shared/ipc/names';
import { readSecret } from './cli/read-secret';
import { dispatch, type Handlers } from './ipc/dispatch';
import { createServices, defaultDataDir } from './services';
import packageJson from '../../package.json';

/**
 * `reflect`: the command line over the same services and IPC handlers as the app, so every input
 * is validated the same way and every action lands in the same audit trail. Runs under Node and
 * under Electron as Node (ELECTRON_RUN_AS_NODE=1).
 */

const USAGE = `Usage: reflect <command> [options]

Commands:
  workspace create --name NAME [--passphrase]   create the workspace (key in the OS keychain,
                                                or derived from a passphrase read from stdin)
  workspace unlock                              check that the workspace opens with its key
  workspace info                                show where the workspace is and how it is protected
  audit verify                                  check the audit chain and name the first broken entry

Options:
  --data-dir DIR   workspace folder (default: $REFLECT_DATA_DIR or the app's user data folder)
  --json           print machine-readable JSON
  -h, --help       show this help
`;

class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<C extends Channel>(
  handlers: Handlers,
  channel: C,
  input: Input<C>,
): Promise<Output<C>> {
  const result = await dispatch(handlers, channel, input, (_name, error) => console.error(error));
  if (!result.ok) throw new CliError(result.error.code, result.error.message);
  return result.value as Output<C>;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        passphrase: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals.join(' ');
  if (values.help || command === '') {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }

  const { handlers, workspace } = createServices({
    dataDir: values['data-dir'] ?? defaultDataDir(),
    version: packageJson.version,
  });
  const print = (value: unknown, text: string): void => {
    process.stdout.write(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
  };
  const unlock = async (): Promise<void> => {
    const status = await call(handlers, 'workspace:status', {});
    const passphrase =
      status.workspace?.keyMode === 'passphrase' ? await readSecret('Passphrase: ') : undefined;
    await call(handlers, 'workspace:unlock', passphrase === undefined ? {} : { passphrase });
  };

  try {
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
      case 'audit verify': {
        await unlock();
        const result = await call(handlers, 'audit:verify', {});
        print(
          result,
          result.ok
            ? `Audit chain intact: ${result.entries} entries.`
            : `Audit chain BROKEN at entry #${result.brokenAt}: ${result.reason}`,
        );
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
    throw error;
  } finally {
    await workspace.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
