import { describe, expect, it } from 'vitest';
import { isTransient, offlineKind } from '../../../src/main/sync/failure-kind';

const coded = (message: string, code: string): Error => Object.assign(new Error(message), { code });

/** Every way pg and Node report a lost central, and failures that are central's answer. */
const CASES: [string, Error, ReturnType<typeof offlineKind>][] = [
  ['connection refused', coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 'refused'],
  ['host unknown', coded('getaddrinfo ENOTFOUND db.example', 'ENOTFOUND'), 'unreachable'],
  ['no route', coded('connect EHOSTUNREACH 10.0.0.9:5432', 'EHOSTUNREACH'), 'unreachable'],
  ['reset', coded('read ECONNRESET', 'ECONNRESET'), 'lost'],
  ['broken pipe', coded('write EPIPE', 'EPIPE'), 'lost'],
  ['TCP timeout', coded('connect ETIMEDOUT 10.0.0.9:5432', 'ETIMEDOUT'), 'timeout'],
  ['server closed the socket', new Error('Connection terminated unexpectedly'), 'lost'],
  [
    'client not queryable after an error',
    new Error('Client has encountered a connection error and is not queryable'),
    'lost',
  ],
  ['client already closed', new Error('Client was closed and is not queryable'), 'lost'],
  ['silent network, read timeout', new Error('Query read timeout'), 'timeout'],
  ['silent network, connect timeout', new Error('timeout expired'), 'timeout'],
  [
    'connect timeout (pg wording)',
    new Error('Connection terminated due to connection timeout'),
    'timeout',
  ],
  [
    'pg_terminate_backend or fast shutdown',
    coded('terminating connection due to administrator command', '57P01'),
    'ended',
  ],
  [
    'crash of another backend',
    coded('terminating connection because of crash of another server process', '57P02'),
    'ended',
  ],
  ['starting up', coded('the database system is starting up', '57P03'), 'busy'],
  ['too many clients', coded('sorry, too many clients already', '53300'), 'busy'],
  ['connection failure', coded('connection failure', '08006'), 'lost'],
  ['statement timeout', coded('canceling statement due to statement timeout', '57014'), 'timeout'],
  ['unique violation', coded('duplicate key value violates unique constraint', '23505'), null],
  ['permission', coded('permission denied for function prune_change_log', '42501'), null],
  ['a rule of a function', coded('the desk retention is a whole number', '22023'), null],
  ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')"), null],
];

describe('failure kinds', () => {
  it.each(CASES)('%s', (_name, error, kind) => {
    expect(offlineKind(error)).toBe(kind);
    // Everything offline is retried; central's own answers are not.
    if (kind !== null) expect(isTransient(error)).toBe(true);
  });

  it('keeps a deadlock or serialisation failure transient without calling it offline', () => {
    const deadlock = coded('deadlock detected', '40P01');
    expect(offlineKind(deadlock)).toBeNull();
    expect(isTransient(deadlock)).toBe(true);
  });
});
