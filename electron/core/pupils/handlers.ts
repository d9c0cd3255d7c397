import { requireVersion, versionOf } from '../records/versions';
import { CommandError } from '../dispatch/commandError';
import { inTransaction } from '../dispatch/handler';
import { RosterFileError, RosterLeaversError, RosterMappingError, importRoster, previewRoster } from '../roster';
import { createPupil, findPupilDetails, findPupilSummary, searchPupils, siblingsOf, updatePupil, upnTaken } from './pupilDirectory';

const upnConflict = () => new CommandError('conflict', 'Another pupil already has this UPN.', { upn: ['Another pupil already has this UPN'] });

function rosterErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RosterFileError) throw new CommandError('invalid_input', error.message, { file: [error.message] });
    if (error instanceof RosterMappingError) throw new CommandError('invalid_input', error.message, { mapping: [error.message] });
    if (error instanceof RosterLeaversError) throw new CommandError('invalid_input', error.message, { confirmMarkedLeft: [error.message] });
    throw error;
  }
}

export const pupilHandlers = {
  'pupils.pick': inTransaction<'pupils.pick'>(({ db }, input) =>
    searchPupils(db, input.query, { includeLeavers: false, limit: input.limit }).map(({ id, legalFirstName, legalLastName, preferredName, yearGroup, registrationGroup }) => ({
      id,
      legalFirstName,
      legalLastName,
      preferredName,
      yearGroup,
      registrationGroup,
    })),
  ),

  'pupils.search': inTransaction<'pupils.search'>(({ db }, input) => searchPupils(db, input.query, { includeLeavers: input.includeLeavers, limit: input.limit })),

  'pupils.siblings': inTransaction<'pupils.siblings'>(({ db, recordIds }, input) => {
    if (!findPupilSummary(db, input.pupilId)) throw new CommandError('not_found', 'That pupil is not on the roster.');
    recordIds.push(input.pupilId);
    return siblingsOf(db, input.pupilId);
  }),

  'pupils.get': inTransaction<'pupils.get'>(({ db, recordIds }, input) => {
    const summary = findPupilSummary(db, input.pupilId);
    const details = findPupilDetails(db, input.pupilId);
    if (!summary || !details) throw new CommandError('not_found', 'That pupil is not on the roster.');
    recordIds.push(input.pupilId);
    return { summary, details, version: versionOf(db, 'pupil', input.pupilId) ?? 1 };
  }),

  'pupils.create': inTransaction<'pupils.create'>(({ db, session, now, recordIds }, input) => {
    if (upnTaken(db, input.upn, null)) throw upnConflict();
    const id = createPupil(db, input, null, session.user.id, now.toISOString());
    recordIds.push(id);
    return findPupilSummary(db, id)!;
  }),

  'pupils.update': inTransaction<'pupils.update'>(({ db, now, recordIds }, input) => {
    const current = findPupilSummary(db, input.pupilId);
    if (!current) throw new CommandError('not_found', 'That pupil is not on the roster.');
    requireVersion(db, 'pupil', input.pupilId, input.version);
    if (upnTaken(db, input.details.upn, input.pupilId)) throw upnConflict();
    recordIds.push(input.pupilId);
    updatePupil(db, input.pupilId, input.details, current.householdId, now.toISOString());
    return findPupilSummary(db, input.pupilId)!;
  }),

  'roster.preview': inTransaction<'roster.preview'>(({ db, now }, input) => rosterErrors(() => previewRoster(db, input.file, input.mapping, now.toISOString().slice(0, 10)))),

  'roster.import': inTransaction<'roster.import'>(({ db, session, now, recordIds }, input) => {
    recordIds.push(`roster-file:${input.file.fileName}`);
    return rosterErrors(() => importRoster(db, input.file, input.mapping, input.leftOn, input.confirmMarkedLeft, session.user.id, now.toISOString()));
  }),
};
