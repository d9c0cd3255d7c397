import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  argon2Available,
  decodeRecoveryKey,
  encodeRecoveryKey,
  generateDataKey,
  generateRecoveryKey,
  newKdfParams,
  newKeyring,
  setUserWrap,
  unwrapDataKey,
  unwrapWithPassword,
  unwrapWithRecoveryKey,
  usernameLookup,
  wrapDataKey,
} from '../../../../electron/core/crypto';
import { cheapKdf } from './testSchool';

describe('wrapping the data key', () => {
  it('unwraps only with the same key-encryption key and the same associated data', () => {
    const dataKey = generateDataKey();
    const kek = crypto.randomBytes(32);
    const wrapped = wrapDataKey(dataKey, kek, 'user:a');
    expect(unwrapDataKey(wrapped, kek, 'user:a')?.equals(dataKey)).toBe(true);
    expect(unwrapDataKey(wrapped, crypto.randomBytes(32), 'user:a')).toBeNull();
    expect(unwrapDataKey(wrapped, kek, 'user:b')).toBeNull();
    const tampered = { ...wrapped, ciphertext: Buffer.from(Buffer.from(wrapped.ciphertext, 'base64').map((byte, index) => (index === 0 ? byte ^ 1 : byte))).toString('base64') };
    expect(unwrapDataKey(tampered, kek, 'user:a')).toBeNull();
  });

  it('uses Argon2id from node:crypto on this Node', () => {
    expect(argon2Available()).toBe(true);
    expect(newKdfParams().name).toBe('argon2id');
  });
});

describe('the keyring', () => {
  const school = { name: 'Oakfield Primary School', urn: '123456' };

  it('opens the data key with each user’s own password, and not with another’s', async () => {
    const dataKey = generateDataKey();
    const keyring = newKeyring(school, dataKey, generateRecoveryKey(), new Date());
    await setUserWrap(keyring, { userId: 'u1', username: 'dsl.jones' }, 'first password here', dataKey, newKdfParams(cheapKdf));
    await setUserWrap(keyring, { userId: 'u2', username: 'ta.smith' }, 'second password here', dataKey, newKdfParams(cheapKdf));
    const decoy = newKdfParams(cheapKdf);
    expect((await unwrapWithPassword(keyring, 'DSL.Jones', 'first password here', decoy))?.userId).toBe('u1');
    expect(await unwrapWithPassword(keyring, 'dsl.jones', 'second password here', decoy)).toBeNull();
    expect(await unwrapWithPassword(keyring, 'nobody', 'first password here', decoy)).toBeNull();
  });

  it('holds no username in the clear', async () => {
    const dataKey = generateDataKey();
    const keyring = newKeyring(school, dataKey, generateRecoveryKey(), new Date());
    await setUserWrap(keyring, { userId: 'u1', username: 'dsl.jones' }, 'first password here', dataKey, newKdfParams(cheapKdf));
    expect(JSON.stringify(keyring)).not.toContain('dsl.jones');
    expect(keyring.users[0]!.lookup).toBe(usernameLookup(keyring, 'dsl.jones'));
  });

  it('does not let a member of staff pass their own wrap off as a DSL’s (forged user id)', async () => {
    const dataKey = generateDataKey();
    const keyring = newKeyring(school, dataKey, generateRecoveryKey(), new Date());
    await setUserWrap(keyring, { userId: 'dsl-id', username: 'dsl.jones' }, 'dsl password here', dataKey, newKdfParams(cheapKdf));
    await setUserWrap(keyring, { userId: 'staff-id', username: 'ta.smith' }, 'staff password here', dataKey, newKdfParams(cheapKdf));
    const staffEntry = keyring.users.find((entry) => entry.userId === 'staff-id')!;
    staffEntry.userId = 'dsl-id';
    expect(await unwrapWithPassword(keyring, 'ta.smith', 'staff password here', newKdfParams(cheapKdf))).toBeNull();
  });

  it('opens the data key with the recovery key as printed, and not with a mistyped one', () => {
    const dataKey = generateDataKey();
    const recoveryKey = generateRecoveryKey();
    const keyring = newKeyring(school, dataKey, recoveryKey, new Date());
    const printed = encodeRecoveryKey(recoveryKey);
    expect(printed).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){12}[0-9A-HJKMNP-TV-Z]{4}$/);
    const typed = decodeRecoveryKey(printed.toLowerCase().replaceAll('-', ' '));
    expect(unwrapWithRecoveryKey(keyring, typed!)?.equals(dataKey)).toBe(true);
    const mistyped = (printed.startsWith('0') ? '1' : '0') + printed.slice(1);
    const wrong = decodeRecoveryKey(mistyped);
    expect(wrong).not.toBeNull();
    expect(unwrapWithRecoveryKey(keyring, wrong!)).toBeNull();
    expect(decodeRecoveryKey('not a key')).toBeNull();
  });
});
