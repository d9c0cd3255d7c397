// `verify`: the store's own integrity check and the audit log's hash chain, through the `audit.verify` command,
// and — given an anchor written down earlier — proof that the log up to it has not been rewritten since.
import { dispatch } from '../../core';
import { parseAuditAnchor, type AuditAnchor, type AuditVerification } from '../../../shared/api';
import { CliError, requiredValue, type ParsedArguments } from '../arguments';
import { count } from '../output';
import { cliCaller, openExistingSchool, passwordFromEnvironment, signIn } from '../openSchool';
import type { CliCommand } from './command';

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'verify --username U --data-dir DIR [--anchor ROW:FINGERPRINT] [--json]',
  summary:
    'Check the database (PRAGMA integrity_check) and the audit log’s hash chain, and print the chain’s newest row and fingerprint to keep outside this computer; with --anchor, check a row written down earlier still matches. Exit 0 only when all hold.',
  options: { values: ['username', 'anchor'] },
  async run(args, { dataDir, out }) {
    const username = requiredValue(args, 'username', 'p.jones');
    const anchor = anchorArgument(args);
    // Read before anything is opened, so a missing password is reported first and costs nothing.
    const password = passwordFromEnvironment(`the password of ${username}`);
    const app = openExistingSchool(dataDir, out);
    try {
      const caller = cliCaller();
      await signIn(app, caller, username, password);
      const result = await dispatch(app, 'audit.verify', anchor ? { anchor } : {}, caller);
      if (!result.ok) {
        throw new CliError(
          result.error.code === 'forbidden' ? `${username} may not run checks: use the account of a DSL or an administrator.` : `The check could not run: ${result.error.message}`,
        );
      }
      const verification = result.value as AuditVerification;
      const { integrity, chain, head } = verification;
      out.line(integrity.ok ? 'Database integrity: ok' : `Database integrity: FAILED — ${integrity.messages.slice(0, 5).join('; ')}`);
      out.line(chain.ok ? `Audit chain: ok (${count(chain.rowsChecked)} rows checked)` : `Audit chain: BROKEN at row ${chain.firstBrokenRow} — ${chain.reason}`);
      if (anchor && verification.anchor) {
        out.line(verification.anchor.ok ? `Anchor row ${count(anchor.seq)}: matches (rows 1 to ${count(anchor.seq)} are as they were when it was written down)` : `Anchor row ${count(anchor.seq)}: DOES NOT MATCH — ${verification.anchor.reason}`);
      }
      if (head) {
        out.line(`Newest row ${head.seq}, fingerprint ${head.fingerprint}`);
        out.line(`  Keep this line outside this computer (your IT log, or printed): \`verify --anchor ${head.seq}:${head.fingerprint}\` later proves no one`);
        out.line('  has rewritten the audit log up to here, not even someone holding the database key.');
      }
      const ok = integrity.ok && chain.ok && (verification.anchor?.ok ?? true);
      if (!ok) {
        out.line('');
        out.line('What to do: make no further changes; copy the whole data folder somewhere safe as evidence; tell the DSL;');
        out.line('then restore the most recent backup that passes `verify` (see `help restore` and docs/admin-guide.md).');
      }
      out.result({ ok, ...verification });
      return ok ? 0 : 1;
    } finally {
      app.close();
    }
  },
};

/** `--anchor 1234:3F2A-9C1B-77D0-E412-AB12`, as `verify` printed it; refused with the reason before anything opens. */
function anchorArgument(args: ParsedArguments): AuditAnchor | null {
  const text = args.values.get('anchor');
  if (text === undefined) return null;
  const [seq, fingerprint, ...rest] = text.split(':');
  const parsed = parseAuditAnchor(seq ?? '', fingerprint ?? '');
  if (rest.length > 0 || !parsed.success) {
    const reason = parsed.success ? 'there is more than one colon' : parsed.error.issues.map((issue) => issue.message).join('; ');
    throw new CliError(`--anchor ${text} is not an anchor as verify prints it (ROW:FINGERPRINT, for example 1234:3F2A-9C1B-77D0-E412-AB12): ${reason}.`);
  }
  return parsed.data;
}
