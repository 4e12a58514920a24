import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** A text file written piece by piece, waiting when the disk is behind so memory stays flat. */
export interface TextOutput {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export function openTextOutput(path: string): TextOutput {
  // Owner-only from the first byte: packages hold personal data.
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  let failure: Error | null = null;
  out.on('error', (error) => {
    failure = error;
  });
  return {
    async write(text) {
      if (failure) throw failure;
      if (!out.write(text)) await once(out, 'drain');
    },
    async close() {
      if (failure) throw failure;
      out.end();
      await once(out, 'finish');
    },
  };
}
