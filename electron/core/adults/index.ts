export { adultHandlers } from './handlers';
export { readRoleHolders } from './adultConcernsRepository';
