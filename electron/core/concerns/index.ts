export { concernAboutPupil, insertConcern, readConcern } from './concernsRepository';
export type { ConcernStatus, NewConcern, StoredConcern } from './concernsRepository';
