/** Unguessable identifiers: 130 random bits as 26 characters of lower-case base32 (RFC 4648 alphabet). */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** 26 characters × 5 bits = 130 bits ≥ the 128 the issue asks for. */
export function randomId(): string {
  const bytes = randomBytes(17); // 136 bits, of which the first 130 are used
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

export const isRandomId = (value: string): boolean => /^[a-z2-7]{26}$/.test(value);
