export { concernAboutPupil, insertConcern, insertMatchedPupil, readConcern } from './concernsRepository';
export type { ConcernStatus, NewConcern, StoredConcern } from './concernsRepository';
