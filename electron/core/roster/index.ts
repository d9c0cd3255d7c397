export { RosterFileError, readRosterFile, suggestMapping } from './rosterFile';
export { RosterLeaversError, RosterMappingError, importRoster, previewRoster } from './rosterImport';
export { parseRosterDate, rowToPupil } from './rosterRows';
