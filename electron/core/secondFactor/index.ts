export { secondFactorHandlers } from './handlers';
export { secondFactorStepFor } from './secondFactorChecks';
export { codeAt, groupedSecret, matchingTimeStep, newTotpSecret, otpauthUri, timeStepAt, PERIOD_SECONDS } from './totp';
