// The audit log: who ran which command on which records, when. Each row carries the hash of the one before,
// so an edit, deletion or insertion made around the application breaks the chain at that row.
import crypto from 'node:crypto';
import type { AuditAnchor } from '../../../shared/api';
import type { Store } from '../store';

export interface AuditEntry {
  at: string;
  userId: string | null;
  role: string | null;
  door: string;
  /** The client's network address, where the command came over the network; null for this computer's own doors. */
  client: string | null;
  command: string;
  recordIds: readonly string[];
  outcome: 'ok' | 'forbidden' | 'denied';
}

interface AuditRow {
  seq: number;
  at: string;
  user_id: string | null;
  role: string | null;
  door: string;
  client: string | null;
  command: string;
  record_ids: string;
  outcome: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

function rowHash(prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const fields: unknown[] = [row.seq, row.at, row.user_id, row.role, row.door, row.command, row.record_ids, row.outcome];
  // Rows from before the hub have no client address: they hash exactly as they did when written.
  if (row.client !== null && row.client !== undefined) fields.push(row.client);
  const canonical = JSON.stringify(fields);
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export class AuditOutsideTransactionError extends Error {
  constructor() {
    super('An audit row is appended only inside a write transaction (writeTransaction), together with the change it records.');
  }
}

/**
 * Appends one row inside the write transaction (writeTransaction) of the change it records. The row's number is read
 * and used under that transaction's write lock: outside one, another process could take the same number between
 * the read and the insert, and the row would be lost to "UNIQUE constraint failed".
 */
export function appendAudit(db: Store, entry: AuditEntry): void {
  if (!db.inTransaction) throw new AuditOutsideTransactionError();
  const { lastRow, insertRow } = statements(db);
  const last = lastRow.get() as { seq: number; hash: string } | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: entry.at,
    user_id: entry.userId,
    role: entry.role,
    door: entry.door,
    client: entry.client,
    command: entry.command,
    record_ids: JSON.stringify([...entry.recordIds]),
    outcome: entry.outcome,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  insertRow.run({ ...row, prev_hash: prevHash, hash: rowHash(prevHash, row) });
}

// Every command writes an audit row: its two statements are prepared once per connection, not on every command
// (preparing them was a tenth of a no-op command's time, decision 0017).
function statementsFor(db: Store) {
  return {
    lastRow: db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
    insertRow: db.prepare(
      `INSERT INTO audit_log (seq, at, user_id, role, door, client, command, record_ids, outcome, prev_hash, hash)
       VALUES (@seq, @at, @user_id, @role, @door, @client, @command, @record_ids, @outcome, @prev_hash, @hash)`,
    ),
  };
}

const prepared = new WeakMap<Store, ReturnType<typeof statementsFor>>();
function statements(db: Store) {
  let found = prepared.get(db);
  if (!found) {
    found = statementsFor(db);
    prepared.set(db, found);
  }
  return found;
}

export interface ChainVerification {
  ok: boolean;
  rowsChecked: number;
  firstBrokenRow: number | null;
  reason: string | null;
}

/** Walks the whole chain; names the first row whose number, link or content does not match. */
export function verifyAuditChain(db: Store): ChainVerification {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let rowsChecked = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    rowsChecked += 1;
    if (row.seq !== expectedSeq) {
      return { ok: false, rowsChecked, firstBrokenRow: row.seq, reason: `row ${row.seq} follows row ${expectedSeq - 1}: ${row.seq > expectedSeq ? 'rows are missing' : 'rows are out of order'}` };
    }
    if (row.prev_hash !== expectedPrev) {
      return { ok: false, rowsChecked, firstBrokenRow: row.seq, reason: `row ${row.seq} does not link to the row before it` };
    }
    if (rowHash(row.prev_hash, row) !== row.hash) {
      return { ok: false, rowsChecked, firstBrokenRow: row.seq, reason: `row ${row.seq} has been changed since it was written` };
    }
    expectedPrev = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, rowsChecked, firstBrokenRow: null, reason: null };
}

/** The first 80 bits of a row's hash, in groups of four: short enough to print and type, far too long to forge. */
function fingerprintOf(hash: string): string {
  return (hash.slice(0, 20).toUpperCase().match(/.{4}/g) ?? []).join('-');
}

/** The newest row, to be written down outside the computer as the next anchor. */
export function chainHead(db: Store): { seq: number; fingerprint: string } | null {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  return last ? { seq: last.seq, fingerprint: fingerprintOf(last.hash) } : null;
}

/**
 * Whether the row written down as an anchor still has the hash it had then. Any change to that row or to a row before
 * it changes its hash, so a match shows rows 1 to `seq` are as they were, even against someone holding the key.
 */
export function checkAnchor(db: Store, anchor: AuditAnchor): { ok: boolean; reason: string | null } {
  const row = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(anchor.seq) as { hash: string } | undefined;
  if (!row) return { ok: false, reason: `there is no row ${anchor.seq} in the audit log any more: rows have been removed since the anchor was written down` };
  // The anchor arrives as the shared schema left it: 20 hex digits, upper case, no dashes.
  if (row.hash.slice(0, 20).toUpperCase() !== anchor.fingerprint) {
    return { ok: false, reason: `row ${anchor.seq} no longer has the fingerprint written down: the audit log up to that row has been rewritten since` };
  }
  return { ok: true, reason: null };
}

export function integrityCheck(db: Store): { ok: boolean; messages: string[] } {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  const messages = rows.map((row) => row.integrity_check);
  return { ok: messages.length === 1 && messages[0] === 'ok', messages };
}
