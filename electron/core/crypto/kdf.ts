// Password → key-encryption key. Argon2id (node:crypto, Node ≥ 24.7) where present, scrypt otherwise; the
// parameters are stored beside each wrap so they can be raised later without locking anyone out.
import crypto from 'node:crypto';
import { promisify } from 'node:util';

export type KdfParams =
  | { name: 'argon2id'; salt: string; memoryKiB: number; passes: number; parallelism: number }
  | { name: 'scrypt'; salt: string; cost: number; blockSize: number; parallelism: number };

/** OWASP's Argon2id baseline is 19 MiB × 2 passes; we use 64 MiB × 3, about half a second on a school laptop. */
export const defaultArgon2: { memoryKiB: number; passes: number; parallelism: number } = { memoryKiB: 64 * 1024, passes: 3, parallelism: 1 };
export const defaultScrypt: { cost: number; blockSize: number; parallelism: number } = { cost: 2 ** 17, blockSize: 8, parallelism: 1 };

const scryptAsync = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

export function argon2Available(): boolean {
  return typeof (crypto as { argon2?: unknown }).argon2 === 'function';
}

/** Fresh parameters for a new wrap; tests may pass cheaper costs, production never does. */
export function newKdfParams(cost: Partial<typeof defaultArgon2> = {}): KdfParams {
  const salt = crypto.randomBytes(16).toString('base64');
  if (argon2Available()) return { name: 'argon2id', salt, ...defaultArgon2, ...cost };
  return { name: 'scrypt', salt, ...defaultScrypt };
}

export async function deriveKeyFromPassword(password: string, params: KdfParams): Promise<Buffer> {
  const salt = Buffer.from(params.salt, 'base64');
  if (params.name === 'argon2id') {
    const argon2 = promisify(crypto.argon2);
    return argon2('argon2id', {
      message: Buffer.from(password.normalize('NFC'), 'utf8'),
      nonce: salt,
      memory: params.memoryKiB,
      passes: params.passes,
      parallelism: params.parallelism,
      tagLength: 32,
    });
  }
  return scryptAsync(password.normalize('NFC'), salt, 32, {
    N: params.cost,
    r: params.blockSize,
    p: params.parallelism,
    maxmem: 256 * params.cost * params.blockSize,
  });
}
