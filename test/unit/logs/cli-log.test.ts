import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../../../src/main/net/free-loopback-port';
import { readLog } from '../../support/log-lines';
import { tempDir } from '../../support/temp-dir';

describe('the CLI log', () => {
  it('records a failure the CLI has no code for, by incident, without the URL or its password', async () => {
    const dataDir = join(tempDir(), 'ws');
    const port = await freeLoopbackPort();
    const url = `postgres://anna.schmidt:s3cr3t-Pa55@127.0.0.1:${port}/crm?sslmode=disable`;
    const result = spawnSync(
      process.execPath,
      ['out/main/cli.js', 'central', 'status', '--url', url, '--data-dir', dataDir],
      { encoding: 'utf8', input: '' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: .*ECONNREFUSED/m);
    const incident = /logged as incident ([0-9a-f]{8}) in (.*)\)/.exec(result.stderr);
    expect(incident?.[2]).toBe(join(dataDir, 'logs', 'desk.log'));

    const { lines, text } = readLog(dataDir);
    expect(lines).toEqual([
      expect.objectContaining({
        event: 'internal-error',
        process: 'cli',
        incident: incident?.[1],
        error: expect.objectContaining({ code: 'ECONNREFUSED' }),
      }),
    ]);
    for (const secret of ['s3cr3t-Pa55', 'anna', 'crm']) expect(text).not.toContain(secret);
  });
});
