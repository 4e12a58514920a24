import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

export interface RotationLimits {
  /** A file is rotated before a line would take it past this size. */
  maxBytes: number;
  /** How many rotated files are kept besides the current one (`desk.1.log` is the newest). */
  keep: number;
}

/**
 * An append-only text file of bounded size, owner-only (0600 in a 0700 folder). Each append opens,
 * writes and closes the file synchronously: log lines are rare (errors), a line written before a
 * crash must be on disk, and the app and the CLI may append to the same file, so a rotation by one
 * must not leave the other writing into a renamed file.
 */
export class RotatingFile {
  private prepared = false;

  constructor(
    readonly path: string,
    private readonly limits: RotationLimits,
  ) {}

  append(text: string): void {
    this.prepare();
    const size = existsSync(this.path) ? statSync(this.path).size : 0;
    if (size > 0 && size + Buffer.byteLength(text) > this.limits.maxBytes) this.rotate();
    appendFileSync(this.path, text, { mode: 0o600 });
  }

  /** `desk.log` → `desk.<n>.log`. */
  rotatedPath(n: number): string {
    const extension = extname(this.path);
    return join(dirname(this.path), `${basename(this.path, extension)}.${n}${extension}`);
  }

  /** Once per process: the folder and an existing file are made owner-only whatever made them. */
  private prepare(): void {
    if (this.prepared) return;
    const folder = dirname(this.path);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    chmodSync(folder, 0o700);
    if (existsSync(this.path)) chmodSync(this.path, 0o600);
    this.prepared = true;
  }

  private rotate(): void {
    rmSync(this.rotatedPath(this.limits.keep), { force: true });
    for (let n = this.limits.keep - 1; n >= 1; n--) {
      if (existsSync(this.rotatedPath(n))) renameSync(this.rotatedPath(n), this.rotatedPath(n + 1));
    }
    if (this.limits.keep > 0) renameSync(this.path, this.rotatedPath(1));
    else rmSync(this.path, { force: true });
  }
}
