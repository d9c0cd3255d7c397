// `connect https://HUB:PORT --code XXXX-XXXX-XXXX`: enrols this computer's installed app with the school's hub. The
// code (or the whole fingerprint) is read off the hub's screen; the hub is kept only if its certificate matches it
// and the hub proves it holds the key. From then on `npm start -- --connect` trusts that hub and nothing else.
import { CliError, requiredValue } from '../arguments';
import type { CliCommand } from './command';

export const connectCommand: CliCommand = {
  name: 'connect',
  usage: 'connect https://HUB:PORT --code XXXX-XXXX-XXXX [--data-dir DIR]',
  summary:
    'Enrols this computer with the school’s hub: checks the hub’s certificate against the enrolment code the hub shows, then saves it (connect.json) so the app trusts that hub and no other. Then start the app with `npm start -- --connect`.',
  options: { values: ['code'], positionals: 1 },
  async run(args, { dataDir, out }) {
    const hubUrl = args.positionals[0];
    if (!hubUrl) throw new CliError('Give the hub’s address, for example: connect https://records-hub:8443 --code 7K3M-Q9XD-2HJR', 2);
    const typed = requiredValue(args, 'code', '7K3M-Q9XD-2HJR');
    const { EnrolmentRefusedError, enrolWithHub } = await import('../../core/network');
    try {
      const settings = await enrolWithHub({ hubUrl, typed, dataDir });
      out.line(`This computer is now enrolled with ${settings.hubUrl}. Start the app with: npm start -- --connect`);
      return 0;
    } catch (error) {
      if (error instanceof EnrolmentRefusedError) throw new CliError(`Not enrolled; nothing saved. ${error.message}`);
      throw error;
    }
  },
};
