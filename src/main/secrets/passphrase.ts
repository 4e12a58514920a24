import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto';

/** Parameters stored beside the workspace so the same key can be derived again; none is secret. */
export interface ScryptParams {
  algorithm: 'scrypt';
  /** CPU/memory cost; 2^17 costs about 128 MiB and a few hundred ms per guess. */
  N: number;
  r: number;
  p: number;
  /** Base64 of 16 random bytes. */
  salt: string;
}

export const KEY_BYTES = 32;

export function newScryptParams(cost: number = 2 ** 17): ScryptParams {
  return { algorithm: 'scrypt', N: cost, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
}

export function deriveKeyFromPassphrase(passphrase: string, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // scrypt needs 128 * N * r bytes; Node's default cap (32 MiB) is below our cost.
    maxmem: 256 * params.N * params.r,
  };
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(params.salt, 'base64'),
      KEY_BYTES,
      options,
      (error, key) => {
        if (error) reject(error);
        else resolve(key);
      },
    );
  });
}
