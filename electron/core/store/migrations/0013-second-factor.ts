import type { Migration } from './migration';

// The second factor (docs/decisions/0021-second-factor.md), inside the encrypted store: the password unwraps the
// data key first, so the secret can be read when the code is checked, and a copy of the keyring alone reveals nothing.
// - account_second_factor: one authenticator per account. confirmed_at stays empty until a code from the app has
//   been entered; last_used_step is the time step of the last code accepted, so no code is accepted twice.
// - second_factor_recovery_codes: salted SHA-256 of each one-use code; used_at marks one spent.
// Numbered 0012 by the plan; its version is its place in the list, and may change when branches merge.
export const migration0013: Migration = {
  version: 13,
  name: 'second-factor',
  sql: `
    CREATE TABLE account_second_factor (
      user_id TEXT PRIMARY KEY REFERENCES users(id),
      secret TEXT NOT NULL,
      created_at TEXT NOT NULL,
      confirmed_at TEXT,
      last_used_step INTEGER
    );

    CREATE TABLE second_factor_recovery_codes (
      id INTEGER PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users(id),
      salt BLOB NOT NULL,
      hash BLOB NOT NULL,
      created_at TEXT NOT NULL,
      used_at TEXT
    );
    CREATE INDEX second_factor_recovery_codes_user ON second_factor_recovery_codes (user_id);
  `,
};
