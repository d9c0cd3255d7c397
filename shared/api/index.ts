// The contract every door shares: commands, their schemas, results, and the access rules they are checked against.
export * from './commands';
export * from './fields';
export * from './result';
export { fieldErrors, invalidInput } from './validation';
export type { Invoke, InvokeEnvelope } from './client';
export * from '../access';
export * from '../school';
export * from './pupilCommands';
export * from './concernCommands';
export * from '../concerns';
export * from './caseworkCommands';
export * from '../casework';
export * from './packCommands';
export * from './exportCommands';
export * from './reportCommands';
export * from './secondFactorCommands';
