// The hub's intake key pairs. The private half lives only inside the encrypted store, so only an open store can read
// what staff sealed; the public half is also written beside the store in the clear, for a locked hub to hand to
// clients and to seal with itself.
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../store';
import { syncFolder } from '../store/syncFolder';
import { intakeKeyId } from './envelope';
import { generateKeyPair } from './hpke';

export const INTAKE_PUBLIC_KEY_FILE = 'intake-public-key.json';

export interface IntakePrivateKey {
  keyId: string;
  privateKey: Buffer;
  current: boolean;
}

/** The current intake key pair, made (and its public key written beside the store) when there is none. Call in a write transaction. */
export function ensureIntakeKey(db: Store, dataDir: string, now: Date): { keyId: string; publicKey: Buffer } {
  let current = db.prepare('SELECT key_id, public_key FROM intake_keys WHERE retired_at IS NULL').get() as { key_id: string; public_key: Buffer } | undefined;
  if (!current) {
    const pair = generateKeyPair();
    const keyId = intakeKeyId(pair.publicKey).toString('hex');
    db.prepare('INSERT INTO intake_keys (key_id, private_key, public_key, created_at) VALUES (?, ?, ?, ?)').run(keyId, pair.privateKey, pair.publicKey, now.toISOString());
    pair.privateKey.fill(0);
    current = { key_id: keyId, public_key: pair.publicKey };
  }
  writePublicKeyFile(dataDir, current.key_id, current.public_key);
  return { keyId: current.key_id, publicKey: current.public_key };
}

function writePublicKeyFile(dataDir: string, keyId: string, publicKey: Buffer): void {
  const file = path.join(dataDir, INTAKE_PUBLIC_KEY_FILE);
  const contents = JSON.stringify({ format: 'safeguarding-records-intake-key', version: 1, keyId, publicKey: publicKey.toString('base64') });
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === contents) return;
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents, { mode: 0o644 });
  const descriptor = fs.openSync(temporary, 'r+');
  try {
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  fs.renameSync(temporary, file);
  syncFolder(dataDir);
}

/** The intake public key as a locked hub knows it: from the file beside the store. */
export function readIntakePublicKey(dataDir: string): { keyId: string; publicKey: Buffer } | null {
  const file = path.join(dataDir, INTAKE_PUBLIC_KEY_FILE);
  if (!fs.existsSync(file)) return null;
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { keyId: string; publicKey: string };
  const publicKey = Buffer.from(stored.publicKey, 'base64');
  // A key id that does not match its key means a damaged or hand-edited file: sealing to it could lose concerns.
  if (intakeKeyId(publicKey).toString('hex') !== stored.keyId) throw new Error(`${file} has been changed: its key does not match its key id.`);
  return { keyId: stored.keyId, publicKey };
}

/** Every intake private key the store holds, the current one first: envelopes sealed before a change of key still open. */
export function intakePrivateKeys(db: Store): IntakePrivateKey[] {
  return (db.prepare('SELECT key_id, private_key, retired_at FROM intake_keys ORDER BY retired_at IS NOT NULL, created_at DESC').all() as Array<{ key_id: string; private_key: Buffer; retired_at: string | null }>).map(
    (row) => ({ keyId: row.key_id, privateKey: row.private_key, current: row.retired_at === null }),
  );
}
