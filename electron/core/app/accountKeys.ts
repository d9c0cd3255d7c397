// Who holds the key (decision 0022): an account whose role needs the records open gets a wrap of the data key in the
// keyring; any other (staff) gets an Argon2id verifier beside it, which checks the password and opens nothing. This
// file is the one place that chooses between the two, so creating, resetting and changing a password cannot disagree.
import { holdsDataKey, type Role } from '../../../shared/api';
import { findAccount } from '../accounts';
import { newKdfParams, removeUserWrap, putUserWrap, wrapForUser } from '../crypto';
import { removeStaffVerifier, setStaffPassword, verifierFromOldWrap } from '../intake';
import type { Store } from '../store';
import type { KeyringHolder } from './keyringHolder';

export interface AccountForPassword {
  id: string;
  username: string;
  role: Role;
}

export class AccountKeys {
  constructor(
    private readonly dataDir: string,
    private readonly keyring: KeyringHolder,
    private readonly kdfCost: { memoryKiB?: number; passes?: number } | undefined,
  ) {}

  /**
   * Sets an account's password: a wrap of the open data key for a role that holds it, otherwise a verifier. Whatever
   * of the other kind the account had is removed, so a role's password never has two ways in.
   */
  async setPassword(account: AccountForPassword, password: string, dataKey: Buffer | null, { mustChangePassword }: { mustChangePassword: boolean }): Promise<void> {
    if (holdsDataKey(account.role)) {
      if (!dataKey) throw new Error('A wrap of the data key needs the store open');
      const wrap = await wrapForUser(this.keyring.require(), { userId: account.id, username: account.username }, password, dataKey, newKdfParams(this.kdfCost));
      this.keyring.update((onDisk) => putUserWrap(onDisk, wrap));
      removeStaffVerifier(this.dataDir, account.id);
      return;
    }
    await setStaffPassword(this.dataDir, { userId: account.id, username: account.username }, password, this.kdfCost, { mustChangePassword });
    if (this.keyring.require().users.some((entry) => entry.userId === account.id)) this.removeWraps([account.id]);
  }

  /** Nothing of the account's is left that a password could pass: no wrap, no verifier. */
  remove(userId: string): void {
    this.removeWraps([userId]);
    removeStaffVerifier(this.dataDir, userId);
  }

  /**
   * At the first open of a store written before decision 0022: each wrap held by an account that should hold none is
   * replaced by a verifier made from the wrap (so the person still signs in with the password they have) and removed;
   * a wrap whose account the store does not know is removed. Returns how many wraps went.
   */
  removeWrapsOfStaff(db: Store, dataKey: Buffer): number {
    const going: string[] = [];
    for (const entry of this.keyring.require().users) {
      const account = findAccount(db, entry.userId);
      if (account && holdsDataKey(account.role)) continue;
      if (account?.status === 'active') {
        verifierFromOldWrap(this.dataDir, { userId: account.id, username: account.username, mustChangePassword: account.mustChangePassword }, entry, dataKey);
      }
      going.push(entry.userId);
    }
    if (going.length > 0) this.removeWraps(going);
    return going.length;
  }

  /**
   * The keyring keeps its previous version as keyring.json.bak: written twice, the backup holds the removal too, so a
   * removed wrap does not live on beside the store in the copy.
   */
  private removeWraps(userIds: readonly string[]): void {
    const change = () => this.keyring.update((onDisk) => userIds.forEach((userId) => removeUserWrap(onDisk, userId)));
    change();
    change();
  }
}
