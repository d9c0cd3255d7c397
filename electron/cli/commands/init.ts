// `init`: sets up a school without the app's setup pages, for IT leads preparing machines and for scripts.
import { dispatch } from '../../core';
import { SafeguardingApp } from '../../core';
import { localAuthorityIds } from '../../../shared/school';
import { CliError, requiredValue } from '../arguments';
import { cliCaller, kdfCostFromEnvironment, passwordFromEnvironment } from '../openSchool';
import type { CliCommand } from './command';

export const initCommand: CliCommand = {
  name: 'init',
  usage: 'init --school NAME --urn URN --dsl-username U --dsl-name NAME [--local-authority ID] --data-dir DIR',
  summary: 'Set up a new school and its first DSL (password from SAFEGUARDING_PASSWORD); prints the recovery key.',
  options: { values: ['school', 'urn', 'dsl-username', 'dsl-name', 'local-authority'] },
  async run(args, { dataDir, out }) {
    const school = requiredValue(args, 'school', '"Oakfield Primary School"');
    const urn = requiredValue(args, 'urn', '123456');
    const username = requiredValue(args, 'dsl-username', 'p.jones');
    const displayName = requiredValue(args, 'dsl-name', '"Priya Jones"');
    const localAuthority = args.values.get('local-authority') ?? 'other';
    if (!(localAuthorityIds as readonly string[]).includes(localAuthority)) {
      throw new CliError(`--local-authority must be one of: ${localAuthorityIds.join(', ')}.`, 2);
    }
    const password = passwordFromEnvironment(`the first DSL’s new password (at least 12 characters; three random words work well)`);

    const app = new SafeguardingApp({ dataDir, kdfCost: kdfCostFromEnvironment(out) });
    try {
      const result = await dispatch(
        app,
        'setup.create',
        { school: { name: school, urn, localAuthority }, dsl: { username, displayName, password } },
        cliCaller(),
      );
      if (!result.ok) {
        const fields = Object.entries(result.error.fields ?? {}).map(([field, messages]) => `  ${field}: ${messages.join('; ')}`);
        throw new CliError([`Setup failed: ${result.error.message}`, ...fields].join('\n'), result.error.code === 'invalid_input' ? 2 : 1);
      }
      const { recoveryKey, user } = result.value as { recoveryKey: string; user: { username: string } };
      out.line(`Set up ${school} (URN ${urn}) in ${dataDir}.`);
      out.line(`First DSL: ${user.username}.`);
      out.line('');
      out.line(`RECOVERY KEY: ${recoveryKey}`);
      out.line('');
      out.line('Print this recovery key or write it down now, and keep it somewhere locked and away from this computer.');
      out.line('It is shown only this once. If keyring.json is lost or every DSL password is forgotten, the recovery key is');
      out.line('the only way to open the records; without it they cannot be recovered by anyone.');
      out.line('The DSL will be asked to confirm it is stored when they first sign in to the app.');
      out.result({ ok: true, dataDir, school, urn, localAuthority, dslUsername: user.username, recoveryKey });
      return 0;
    } finally {
      app.close();
    }
  },
};
