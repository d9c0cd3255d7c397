// `verify`: the store's own integrity check and the audit log's hash chain, through the `audit.verify` command.
import { dispatch } from '../../core';
import type { AuditVerification } from '../../../shared/api';
import { CliError, requiredValue } from '../arguments';
import { count } from '../output';
import { openExistingSchool, passwordFromEnvironment, signIn } from '../openSchool';
import type { CliCommand } from './command';

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'verify --username U --data-dir DIR [--json]',
  summary: 'Check the database (PRAGMA integrity_check) and the audit log’s hash chain; exit 0 only when both hold.',
  options: { values: ['username'] },
  async run(args, { dataDir, out }) {
    const username = requiredValue(args, 'username', 'p.jones');
    // Read before anything is opened, so a missing password is reported first and costs nothing.
    const password = passwordFromEnvironment(`the password of ${username}`);
    const app = openExistingSchool(dataDir, out);
    try {
      await signIn(app, username, password);
      const result = await dispatch(app, 'audit.verify', {}, 'cli');
      if (!result.ok) {
        throw new CliError(
          result.error.code === 'forbidden' ? `${username} may not run checks: use the account of a DSL or an administrator.` : `The check could not run: ${result.error.message}`,
        );
      }
      const { integrity, chain } = result.value as AuditVerification;
      out.line(integrity.ok ? 'Database integrity: ok' : `Database integrity: FAILED — ${integrity.messages.slice(0, 5).join('; ')}`);
      out.line(chain.ok ? `Audit chain: ok (${count(chain.rowsChecked)} rows checked)` : `Audit chain: BROKEN at row ${chain.firstBrokenRow} — ${chain.reason}`);
      const ok = integrity.ok && chain.ok;
      if (!ok) {
        out.line('');
        out.line('What to do: make no further changes; copy the whole data folder somewhere safe as evidence; tell the DSL;');
        out.line('then restore the most recent backup that passes `verify` (see `help restore` and docs/admin-guide.md).');
      }
      out.result({ ok, integrity, chain });
      return ok ? 0 : 1;
    } finally {
      app.close();
    }
  },
};
