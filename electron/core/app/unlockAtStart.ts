// Unlock at start (decision 0027): a random secret in the operating system's protected storage, and the data key
// wrapped under it in the keyring's machine slot. Only the two together open the store: the keyring file copied
// elsewhere lacks the secret, and the secret alone wraps nothing. Off unless a DSL turns it on.
import crypto from 'node:crypto';
import { MACHINE_SECRET_BYTES, unwrapWithMachineSecret, wipe, wrapForMachine, type Keyring } from '../crypto';
import { CommandError } from '../dispatch/commandError';
import type { KeyringHolder } from './keyringHolder';
import type { Log } from './log';
import { ProtectedStorageError, deleteProtectedSecret, readProtectedSecret, writeProtectedSecret } from './protectedStorage';

export interface UnlockAtStartState {
  on: boolean;
  turnedOnAt: string | null;
  /** Why the last start could not open the records from protected storage (it then turned itself off). */
  lastFailure: { at: string; reason: string } | null;
}

/** What the hub's start did: opened with the key, found it off, or failed (and turned it off) for `reason`. */
export type StartUnlock = { kind: 'off' } | { kind: 'key'; dataKey: Buffer } | { kind: 'failed'; reason: string };

/** The audit command of a start that opened the records, or could not: no person did either. */
export const OPENED_AT_START = 'hub.openedAtStart';

export class UnlockAtStart {
  constructor(
    private readonly keyring: KeyringHolder,
    private readonly clock: () => Date,
    private readonly log: Log,
  ) {}

  state(keyring: Keyring | null = this.keyring.cached): UnlockAtStartState {
    const failure = keyring?.machineFailure;
    return {
      on: Boolean(keyring?.machine),
      turnedOnAt: keyring?.machine?.turnedOnAt ?? null,
      lastFailure: failure ? { at: failure.at, reason: failure.reason } : null,
    };
  }

  /**
   * A fresh secret into protected storage, read back to be sure it is kept, then the machine slot into the keyring.
   * Throws `unavailable` (and leaves it off) when protected storage cannot be used.
   */
  turnOn(dataKey: Buffer, by: string): void {
    const keyring = this.keyring.require();
    const account = keyring.installId;
    const secret = crypto.randomBytes(MACHINE_SECRET_BYTES);
    try {
      writeProtectedSecret(account, secret);
      const kept = readProtectedSecret(account);
      const same = kept !== null && kept.length === secret.length && crypto.timingSafeEqual(kept, secret);
      wipe(kept);
      if (!same) throw new ProtectedStorageError('it did not give back the secret just written');
      const slot = wrapForMachine(keyring, account, secret, dataKey, { at: this.clock(), by });
      this.keyring.update((onDisk) => {
        onDisk.machine = slot;
        delete onDisk.machineFailure;
      });
    } catch (error) {
      if (!(error instanceof ProtectedStorageError)) throw error;
      this.log.error('unlock at start', new Error(`Could not turn unlock at start on: this computer's protected storage could not be used (${error.message}).`));
      throw new CommandError(
        'unavailable',
        `Unlock at start is still off: this computer’s protected storage could not be used (${error.message}). See “Unlock at start” in the admin guide.`,
      );
    } finally {
      wipe(secret);
    }
  }

  /**
   * Removes the machine slot (from the keyring and its backup copy), then the secret from protected storage. Off is
   * off even if the operating system refuses the deletion: without the slot its secret opens nothing. Answers a
   * warning for the DSL when the secret could not be deleted.
   */
  turnOff(): string | null {
    const account = this.keyring.require().installId;
    this.removeSlot();
    try {
      deleteProtectedSecret(account);
      return null;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.error('unlock at start', new Error(`Turned off, but the secret could not be deleted from protected storage (${reason}); it opens nothing without the keyring's machine slot.`));
      return `Unlock at start is off. The secret it kept in this computer’s protected storage could not be deleted (${reason}); it opens nothing on its own. An IT lead can remove the entry “${account}” under “Safeguarding Records hub”.`;
    }
  }

  /**
   * At the hub's start: the data key from protected storage, when unlock at start is on. Any failure turns it off,
   * is logged in plain words, waits in the keyring for the audit log and for the first DSL to sign in, and the hub
   * starts locked as it would without it.
   */
  open(): StartUnlock {
    const keyring = this.keyring.cached;
    if (!keyring?.machine) return { kind: 'off' };
    let secret: Buffer | null = null;
    try {
      secret = readProtectedSecret(keyring.machine.account);
    } catch (error) {
      return this.fail(`this computer’s protected storage could not be reached (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!secret) {
      return this.fail('this computer’s protected storage has no secret for these records (another computer, another user account, or a rebuilt profile)');
    }
    const dataKey = unwrapWithMachineSecret(keyring, secret);
    wipe(secret);
    if (!dataKey) return this.fail('the secret in this computer’s protected storage does not open these records (it belongs to another copy of them, or was replaced)');
    return { kind: 'key', dataKey };
  }

  /** The failure to tell the first DSL who signs in, once; null if there is none or someone was told. */
  takeFailureFor(userId: string): { at: string; reason: string } | null {
    const failure = this.keyring.cached?.machineFailure;
    if (!failure || failure.toldTo) return null;
    this.keyring.update((onDisk) => {
      if (onDisk.machineFailure) onDisk.machineFailure.toldTo = userId;
    });
    return { at: failure.at, reason: failure.reason };
  }

  private fail(reason: string): StartUnlock {
    const at = this.clock().toISOString();
    this.log.error('unlock at start', new Error(`The records were not opened at start: ${reason}. Unlock at start is now off; the hub is locked until a DSL signs in (a DSL's password or the recovery key opens them as always).`));
    const account = this.keyring.cached?.installId;
    this.removeSlot({ at, reason, toldTo: null });
    // No one did this, so the row names no one; it reaches the audit log at the next opening.
    this.keyring.holdAudit({ at, door: 'hub', client: null, command: OPENED_AT_START, recordIds: [], outcome: 'denied' });
    try {
      // A wrong secret would never open these records again; a missing one is already gone.
      if (account) deleteProtectedSecret(account);
    } catch {
      // Unreachable storage: nothing more to do, and without the slot its secret opens nothing.
    }
    return { kind: 'failed', reason };
  }

  /** Written twice, like a removed password wrap, so keyring.json.bak does not keep the slot either. */
  private removeSlot(failure?: NonNullable<Keyring['machineFailure']>): void {
    const change = () =>
      this.keyring.update((onDisk) => {
        delete onDisk.machine;
        if (failure) onDisk.machineFailure = failure;
      });
    change();
    change();
  }
}
