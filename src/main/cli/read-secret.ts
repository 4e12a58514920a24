import { createInterface } from 'node:readline';

/**
 * Reads secrets (passphrase, central password): one line each from a pipe, in the order asked
 * (for scripts), or typed at a terminal without echo. Never from argv or the environment, where
 * other processes and shell history see them.
 */
export function createSecretReader(): (prompt: string) => Promise<string> {
  let piped: Promise<string[]> | null = null;
  return async (prompt) => {
    if (process.stdin.isTTY) return promptHidden(prompt);
    piped ??= readAllLines();
    const line = (await piped).shift();
    if (line === undefined)
      throw new Error(`${prompt.replace(/:\s*$/, '')} was expected on standard input.`);
    return line;
  };
}

async function readAllLines(): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
}

async function promptHidden(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
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
