// Concerns and allegations about adults (KCSIE Part 4): what other features may use. Everything else is private.
export { adultHandlers } from './handlers';
export { adultConcernCountRows, readRoleHolders } from './adultConcernsRepository';
