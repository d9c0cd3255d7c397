import { CommandError } from '../dispatch/commandError';
import { inTransaction, publicHandler } from '../dispatch/handler';

/** Connecting to a hub is connect mode's own (electron/core/network/connectModeHost.ts), answered before dispatch. */
const NOTHING_TO_CONNECT = 'This computer keeps the school’s records itself (or is the hub): there is no hub to connect it to. To use a computer with the hub, start the app there with --connect.';

export const systemHandlers = {
  'system.noop': inTransaction<'system.noop'>(() => ({ done: true })),
  'connect.lookUpHub': publicHandler<'connect.lookUpHub'>(() => {
    throw new CommandError('conflict', NOTHING_TO_CONNECT);
  }),
  'connect.enrol': publicHandler<'connect.enrol'>(() => {
    throw new CommandError('conflict', NOTHING_TO_CONNECT);
  }),
};
