export { RosterFileError, readRosterFile, suggestMapping } from './rosterFile';
export { RosterMappingError, importRoster, previewRoster } from './rosterImport';
export { parseRosterDate, rowToPupil } from './rosterRows';
