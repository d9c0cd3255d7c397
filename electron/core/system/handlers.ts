import { inTransaction } from '../dispatch/handler';

export const systemHandlers = {
  'system.noop': inTransaction<'system.noop'>(() => ({ done: true })),
};
