// The DSL's first-hour list: each step is worked out from what the school has actually done, so it ticks itself
// and never needs marking by hand.
import { londonIsoDate, schoolYearOf } from '../../../shared/calendar';
import { contactsForArea } from '../../../shared/thresholds';
import { inTransaction } from '../dispatch/handler';
import { loadPacks } from '../packs/packLibrary';
import { readSettings } from '../settings';

export const gettingStartedHandlers = {
  'setup.progress': inTransaction<'setup.progress'>(({ db, now }) => {
    const settings = readSettings(db);
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    const loaded = settings.pack.packId ? loadPacks(db).get(settings.pack.packId) : undefined;
    const contacts = loaded ? contactsForArea(loaded.pack, settings.pack.areaId ?? undefined) : [];
    const thisYear = schoolYearOf(londonIsoDate(now), settings.termDates);
    return {
      dslOnDuty: settings.dslOnDuty.name !== '',
      pupils: count('SELECT count(*) FROM pupils') > 0,
      // Someone besides the first DSL, who set the school up.
      staff: count("SELECT count(*) FROM users WHERE status = 'active'") > 1,
      contacts: contacts.length > 0 && contacts.every((contact) => contact.verifiedOn !== null),
      termDates: settings.termDates.some((year) => year.schoolYear === thisYear),
    };
  }),
};
