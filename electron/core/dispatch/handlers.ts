// Every command's handler, by feature. `satisfies HandlerTable` makes a command without a handler a build error.
import { accountsHandlers } from '../accounts/handlers';
import { caseworkHandlers } from '../casework/handlers';
import { concernHandlers } from '../concerns/handlers';
import { packHandlers } from '../packs/handlers';
import { exportHandlers } from '../exports/handlers';
import { gettingStartedHandlers } from '../gettingStarted/handlers';
import { reportHandlers } from '../reports/handlers';
import { pupilHandlers } from '../pupils/handlers';
import { auditHandlers } from '../audit/handlers';
import { sessionHandlers } from '../session/handlers';
import { settingsHandlers } from '../settings/handlers';
import { systemHandlers } from '../system/handlers';
import { secondFactorHandlers } from '../secondFactor';
import type { HandlerTable } from './handler';

export const handlers = {
  ...sessionHandlers,
  ...accountsHandlers,
  ...settingsHandlers,
  ...gettingStartedHandlers,
  ...auditHandlers,
  ...systemHandlers,
  ...pupilHandlers,
  ...concernHandlers,
  ...caseworkHandlers,
  ...packHandlers,
  ...exportHandlers,
  ...reportHandlers,
  ...secondFactorHandlers,
} satisfies HandlerTable;
