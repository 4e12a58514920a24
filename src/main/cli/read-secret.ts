import { createInterface } from 'node:readline';

/**
 * Reads a passphrase: from a pipe (`echo ... | reflect ...`, for scripts) or typed at a terminal
 * without echo. Never from argv or the environment, where other processes and shell history see it.
 */
export async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input, output: process.stderr, terminal: true });
  // Typed characters are not echoed: readline writes through this hook, which prints only the prompt.
  const writable = rl as unknown as { _writeToOutput: (text: string) => void };
  let prompted = false;
  writable._writeToOutput = (text: string) => {
    if (!prompted) process.stderr.write(text);
    prompted = true;
  };
  try {
    return await new Promise<string>((resolve) => rl.question(prompt, resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
