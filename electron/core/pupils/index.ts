export { findPupil, insertPupil } from './pupilsRepository';
export type { NewPupil, StoredPupil } from './pupilsRepository';
