export * from './referralPackSchema';
export * from './transferPackSchema';
