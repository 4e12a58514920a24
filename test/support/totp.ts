import { createHmac } from 'node:crypto';
import type pg from 'pg';

/** An independent RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits), to make codes as a phone would. */
export function totp(secret: Buffer, unixSeconds: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const o = (mac[19] ?? 0) & 15;
  const bin = mac.readUInt32BE(o) & 0x7fffffff;
  return String(bin % 1_000_000).padStart(6, '0');
}

export function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** Central's clock, so a code is made for the time central checks it at, not the test's. */
export async function centralSeconds(client: pg.ClientBase): Promise<number> {
  const r = await client.query<{ s: string }>('SELECT extract(epoch FROM clock_timestamp()) AS s');
  return Number(r.rows[0]?.s);
}
