import { describe, expect, it } from 'vitest';
import { DeskLog } from '../../../src/main/logs/desk-log';
import type { LogEntry } from '../../../src/main/logs/log-entry';
import { stackFrames } from '../../../src/shared/stack-frames';
import { readLog } from '../../support/log-lines';
import { tempDir } from '../../support/temp-dir';

/** What must never reach a log line, however it is passed in. */
const EMAIL = 'anna.schmidt@example.org';
const NAME = 'Anna Schmidt';
const PASSPHRASE = 'correct horse battery staple';
const URL_PASSWORD = 's3cr3t-Pa55';
const CONNECTION_URL = `postgres://officer:${URL_PASSWORD}@db.example.org:5432/crm`;
const HOME = '/home/annaschmidt';
const FORBIDDEN = [
  EMAIL,
  'Anna',
  'Schmidt',
  'schmidt',
  'horse',
  URL_PASSWORD,
  'db.example.org',
  HOME,
];

/** A stack as V8 writes it, but from a home folder and with data where data can appear. */
function stackWithData(): string {
  return [
    `Error: cannot rectify ${NAME} <${EMAIL}>`,
    `  the rest of a message over several lines: ${PASSPHRASE}`,
    `    at rectify (file://${HOME}/reflect/out/main/index.js:120:15)`,
    `    at Object.handler [as ${EMAIL}] (${HOME}/reflect/out/main/services-3kd.js:8:3)`,
    `    at ${NAME} (${HOME}/reflect/out/main/index.js:9:1)`,
    `    at async Promise.all (index 0)`,
    `    at C:\\Users\\Anna Schmidt\\AppData\\reflect\\resources\\app.asar\\out\\main\\index.js:3:7`,
    `    at connect (${CONNECTION_URL}/x.js:1:1)`,
  ].join('\n');
}

function errorWithData(): Error {
  const error = new Error(`No customer ${NAME} with ${EMAIL} at ${CONNECTION_URL}`, {
    cause: Object.assign(new Error(`password authentication failed: ${PASSPHRASE}`), {
      code: '28P01',
    }),
  });
  error.stack = stackWithData();
  return error;
}

function entries(): LogEntry[] {
  const named = Object.assign(new Error(EMAIL), { name: NAME, code: EMAIL });
  const shouty = Object.assign(new Error('x'), {
    code: 'ANNA_SCHMIDT',
    name: 'AnnaSchmidt rectify',
  });
  return [
    { event: 'internal-error', channel: 'subject:rectify', error: errorWithData() },
    { event: 'internal-error', channel: EMAIL, error: named },
    { event: 'unhandled-rejection', process: 'main', error: `${PASSPHRASE} ${CONNECTION_URL}` },
    { event: 'uncaught-exception', process: 'cli', error: { message: EMAIL, code: NAME } },
    { event: 'uncaught-exception', process: 'worker', worker: NAME, error: shouty },
    {
      event: 'screen-error',
      process: 'renderer',
      screen: NAME,
      reported: {
        name: NAME,
        code: EMAIL,
        stack: [`${NAME} (${HOME}/index.js:1:2)`, EMAIL, `x (${CONNECTION_URL}:1:1)`, PASSPHRASE],
      },
    },
    {
      event: 'navigation-blocked',
      reason: PASSPHRASE,
      scheme: CONNECTION_URL,
      runtime: `node ${NAME}`,
      platform: EMAIL,
      incident: NAME,
      count: Number.NaN,
      // Fields the log does not know are dropped, whatever they hold.
      ...({ customer: NAME, email: EMAIL, url: CONNECTION_URL } as object),
    },
  ];
}

describe('log lines hold ids and codes, never personal data or secrets', () => {
  it('keeps no email, name, passphrase, URL password or home folder, however passed in', () => {
    const dataDir = tempDir();
    const log = new DeskLog({ dataDir, appVersion: '1.2.3' });
    for (const entry of entries()) log.write(entry);
    const { text, lines } = readLog(dataDir);

    expect(lines).toHaveLength(entries().length);
    for (const forbidden of FORBIDDEN) expect(text).not.toContain(forbidden);
  });

  it('still says what failed and where: class, known codes, the cause, file names and lines', () => {
    const dataDir = tempDir();
    const log = new DeskLog({ dataDir, appVersion: '1.2.3' });
    for (const entry of entries()) log.write(entry);
    const [rectify, named, rejection, , worker, screen, navigation] = readLog(dataDir).lines;

    expect(rectify).toMatchObject({
      channel: 'subject:rectify',
      error: {
        name: 'Error',
        cause: { name: 'Error', code: '28P01' },
        stack: [
          'rectify (index.js:120:15)',
          'Object.handler (services-3kd.js:8:3)',
          '<function> (index.js:9:1)',
          'async Promise.all (?)',
          'index.js:3:7',
          'connect (x.js:1:1)',
        ],
      },
    });
    // A channel that is not declared is left out; a name or code that is data is replaced.
    expect(named).not.toHaveProperty('channel');
    expect(named).toMatchObject({ error: { name: 'Error', code: 'unrecognised' } });
    expect(rejection).toMatchObject({ error: { name: 'thrown string', stack: [] } });
    expect(worker).toMatchObject({
      worker: 'other',
      error: { code: 'unrecognised', name: 'Error' },
    });
    expect(screen).toMatchObject({
      screen: 'other',
      error: {
        name: 'Error',
        code: 'unrecognised',
        stack: ['<function> (index.js:1:2)', '?', 'x (crm:1:1)', '?'],
      },
    });
    expect(Object.keys(navigation ?? {}).sort()).toEqual(
      ['app', 'event', 'level', 'pid', 'platform', 'reason', 'scheme', 'time'].sort(),
    );
    expect(navigation).toMatchObject({ reason: 'other', scheme: 'other', platform: 'other' });
  });

  it('keeps the codes people and support look up', () => {
    const dataDir = tempDir();
    const log = new DeskLog({ dataDir, appVersion: '1.2.3' });
    for (const code of [
      'SQLITE_BUSY',
      'ECONNRESET',
      'ERR_WORKER_OUT_OF_MEMORY',
      '40001',
      'XX000',
    ]) {
      log.write({ event: 'internal-error', error: Object.assign(new Error(), { code }) });
    }
    const codes = readLog(dataDir).lines.map((line) => (line.error as { code: string }).code);
    expect(codes).toEqual([
      'SQLITE_BUSY',
      'ECONNRESET',
      'ERR_WORKER_OUT_OF_MEMORY',
      '40001',
      'XX000',
    ]);
  });
});

describe('stack frames', () => {
  it('are cut to function and file names with line and column, at most the number asked', () => {
    const error = new Error(`${EMAIL} is not valid`);
    const frames = stackFrames(error.stack, 3);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThanOrEqual(3);
    expect(frames.join('\n')).not.toContain(EMAIL);
    expect(frames[0]).toMatch(/no-personal-data\.test\.ts:\d+:\d+\)?$/);
    expect(frames.join('\n')).not.toContain('/');
  });
});
