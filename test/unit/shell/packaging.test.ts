import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '../../..');

interface BuilderConfig {
  afterPack: string;
  afterSign: string;
  asar: boolean;
  npmRebuild: boolean;
  extraMetadata: { author: { name: string; email: string } };
  linux: { target: string[]; category: string; maintainer: string; icon: string };
  deb: { afterInstall: string; afterRemove: string };
  mac: { target: string; category: string; icon: string; hardenedRuntime: boolean };
  win: { target: string; icon: string; signtoolOptions: { sign: string } };
  nsis: { installerIcon: string };
}

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(data: Buffer): [number, number] {
  expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

describe('packaging configuration (packaging itself needs the Electron binary)', () => {
  it('is accepted by electron-builder for deb, AppImage, NSIS and DMG', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as {
      DebugLogger: new (on: boolean) => unknown;
    };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The validator refuses what electron-builder would refuse: it is not a formality.
    await expect(
      validateConfiguration(
        { ...config, linux: { ...config.linux, bogus: 1 } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/Invalid configuration object/);

    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.extraMetadata.author.email).toMatch(/@/);
    expect(config.linux.category).toBe('Office');
    expect(config.mac.category).toBe('public.app-category.business');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
  });

  it('names hooks that exist, and signing reads its secrets from the environment only', () => {
    for (const hook of [config.afterPack, config.afterSign, config.win.signtoolOptions.sign]) {
      expect(typeof require(join(root, hook)), hook).toBe('function');
    }
    for (const script of [config.deb.afterInstall, config.deb.afterRemove]) {
      expect(existsSync(join(root, script)), script).toBe(true);
    }
    expect(readFileSync(join(root, config.afterSign), 'utf8')).toMatch(/process\.env/);
    expect(readFileSync(join(root, config.win.signtoolOptions.sign), 'utf8')).toMatch(
      /process\.env/,
    );
    // No secret in the configuration itself.
    expect(readFileSync(join(root, 'electron-builder.yml'), 'utf8')).not.toMatch(/password:\s*\S/i);
  });

  it('flips the fuses in the packaged binary: no Node mode, no NODE_OPTIONS or inspect, ASAR only and checked', async () => {
    const { FuseV1Options, getCurrentFuseWire } = require('@electron/fuses') as {
      FuseV1Options: Record<string, number>;
      getCurrentFuseWire: (path: string) => Promise<Record<number, number>>;
    };
    // Electron's wire stores each fuse as the character '0' (off) or '1' (on).
    const FuseState = { DISABLE: 0x30, ENABLE: 0x31 };
    // A stand-in executable carrying Electron's fuse wire with its shipped defaults.
    const appOutDir = tempDir();
    const binary = join(appOutDir, 'reflect-privacy-desk');
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.from('\x7fELF... the rest of the program ...'),
        Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
        Buffer.from([1, 8]),
        Buffer.from('10110001'),
        Buffer.from('... more program ...'),
      ]),
    );
    const afterPack = require(join(root, config.afterPack)) as (context: unknown) => Promise<void>;
    await afterPack({
      appOutDir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: {
        appInfo: { productFilename: 'Reflect Privacy Desk' },
        executableName: 'reflect-privacy-desk',
      },
    });
    const wire = await getCurrentFuseWire(binary);
    const state = (name: string) => wire[FuseV1Options[name] ?? -1];
    expect(state('RunAsNode')).toBe(FuseState.DISABLE);
    expect(state('EnableNodeOptionsEnvironmentVariable')).toBe(FuseState.DISABLE);
    expect(state('EnableNodeCliInspectArguments')).toBe(FuseState.DISABLE);
    expect(state('GrantFileProtocolExtraPrivileges')).toBe(FuseState.DISABLE);
    expect(state('EnableCookieEncryption')).toBe(FuseState.ENABLE);
    expect(state('EnableEmbeddedAsarIntegrityValidation')).toBe(FuseState.ENABLE);
    expect(state('OnlyLoadAppFromAsar')).toBe(FuseState.ENABLE);
  });

  it('ships the icon in every size the three platforms need', () => {
    const resources = join(root, 'resources');
    expect(pngSize(readFileSync(join(resources, 'icon.png')))).toEqual([1024, 1024]);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(readFileSync(join(resources, 'icons', `${size}x${size}.png`)))).toEqual([
        size,
        size,
      ]);
    }
    const ico = readFileSync(join(root, config.win.icon));
    const count = ico.readUInt16LE(4);
    const icoSizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(icoSizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (let i = 0; i < count; i += 1) {
      const at = ico.readUInt32LE(6 + 16 * i + 12);
      const size = icoSizes[i] ?? 0;
      expect(pngSize(ico.subarray(at))).toEqual([size, size]);
    }
    const icns = readFileSync(join(root, config.mac.icon));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.push(icns.subarray(at, at + 4).toString('latin1'));
    }
    expect(types).toEqual(
      expect.arrayContaining(['icp4', 'icp5', 'ic07', 'ic08', 'ic09', 'ic10', 'ic13', 'ic14']),
    );
  });
});
