export * from './referralPackSchema';
export * from './transferPackSchema';
export * from './retention';
