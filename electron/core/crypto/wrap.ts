// The data key is wrapped (AES-256-GCM) once per user and once by the recovery key. The associated data binds
// a wrap to its purpose and owner, so a wrap copied onto another account's entry does not open as that account.
import crypto from 'node:crypto';

export interface WrappedKey {
  iv: string;
  tag: string;
  ciphertext: string;
}

export const DATA_KEY_BYTES = 32;

export function generateDataKey(): Buffer {
  return crypto.randomBytes(DATA_KEY_BYTES);
}

export function wrapDataKey(dataKey: Buffer, keyEncryptionKey: Buffer, associatedData: string): WrappedKey {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyEncryptionKey, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** Returns the data key, or null when the key-encryption key (the password) or the associated data is wrong. */
export function unwrapDataKey(wrapped: WrappedKey, keyEncryptionKey: Buffer, associatedData: string): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyEncryptionKey, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
    return key.length === DATA_KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

/** Overwrites key material we hold; JavaScript strings cannot be wiped, so keys live in Buffers. */
export function wipe(...buffers: Array<Buffer | null | undefined>): void {
  for (const buffer of buffers) buffer?.fill(0);
}
