import { isBankHolidayEnglandWales, londonIsoDate } from '../../../shared/calendar';
import { contactsForArea, suggestLevel, whoToCallNow } from '../../../shared/thresholds';
import { CommandError } from '../dispatch/commandError';
import { inTransaction } from '../dispatch/handler';
import { readSettings, writeSettings } from '../settings';
import type { Store } from '../store';
import { PackFileError, checkImportedPack, invalidatePacks, loadPacks } from './packLibrary';

function requirePack(db: Store, packId: string) {
  const loaded = loadPacks(db).get(packId);
  if (!loaded) throw new CommandError('not_found', 'That pack is not installed. Choose another, or import it in Settings.');
  return loaded;
}

export const packHandlers = {
  'packs.list': inTransaction<'packs.list'>(({ db }) => ({
    packs: [...loadPacks(db).values()].map(({ pack, origin, fileName }) => ({
      id: pack.id,
      title: pack.title,
      publisher: pack.provenance.publisher,
      publishedOn: pack.provenance.publishedOn,
      status: pack.provenance.status,
      origin,
      fileName,
      areas: pack.areas.map((area) => ({ id: area.id, name: area.name, kind: area.kind })),
      levelCount: pack.levels.length,
      indicatorCount: pack.indicators.length,
    })),
    chosen: readSettings(db).pack,
  })),

  'packs.get': inTransaction<'packs.get'>(({ db }, input) => requirePack(db, input.packId).pack),

  'packs.choose': inTransaction<'packs.choose'>(({ db, session, now, recordIds }, input) => {
    const { pack } = requirePack(db, input.packId);
    if (input.areaId !== null && !pack.areas.some((area) => area.id === input.areaId)) {
      throw new CommandError('invalid_input', 'That council or district is not in this pack.', { areaId: ['Choose a council or district from the list'] });
    }
    const choice = { packId: pack.id, areaId: input.areaId };
    writeSettings(db, { ...readSettings(db), pack: choice }, session.user.id, now.toISOString());
    recordIds.push(`pack:${pack.id}`);
    return choice;
  }),

  'packs.import': inTransaction<'packs.import'>(({ db, session, now, recordIds }, input) => {
    let checked: { id: string; json: unknown };
    try {
      checked = checkImportedPack(db, input.fileName, input.text);
    } catch (error) {
      if (error instanceof PackFileError) {
        throw new CommandError('invalid_input', error.message, Object.fromEntries(error.errors.slice(0, 50).map((entry) => [`pack:${entry.path}`, [entry.message]])));
      }
      throw error;
    }
    db.prepare('INSERT INTO imported_packs (id, file_name, json, imported_at, imported_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET file_name = excluded.file_name, json = excluded.json, imported_at = excluded.imported_at, imported_by = excluded.imported_by').run(
      checked.id,
      input.fileName,
      JSON.stringify(checked.json),
      now.toISOString(),
      session.user.id,
    );
    invalidatePacks(db);
    recordIds.push(`pack:${checked.id}`);
    return { id: checked.id };
  }),

  'packs.updateContact': inTransaction<'packs.updateContact'>(({ db, session, now, recordIds }, input) => {
    const { pack } = requirePack(db, input.packId);
    if (!pack.contacts.some((contact) => contact.id === input.contactId)) throw new CommandError('not_found', 'That contact is not in this pack.');
    const verifiedOn = input.verified ? londonIsoDate(now) : null;
    db.prepare(
      `INSERT INTO pack_contact_overrides (pack_id, contact_id, phone, email, note, verified_on, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (pack_id, contact_id) DO UPDATE SET phone = excluded.phone, email = excluded.email, note = excluded.note,
         verified_on = coalesce(excluded.verified_on, pack_contact_overrides.verified_on), updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(input.packId, input.contactId, input.phone || null, input.email || null, input.note || null, verifiedOn, now.toISOString(), session.user.id);
    invalidatePacks(db);
    recordIds.push(`pack:${input.packId}`, `contact:${input.contactId}`);
    return { verifiedOn: requirePack(db, input.packId).pack.contacts.find((contact) => contact.id === input.contactId)!.verifiedOn };
  }),

  'packs.whoToCallNow': inTransaction<'packs.whoToCallNow'>(({ db, now }, input) => {
    const { packId, areaId } = readSettings(db).pack;
    const loaded = packId ? loadPacks(db).get(packId) : undefined;
    if (!loaded) return { packId: null, answer: null };
    const contacts = contactsForArea(loaded.pack, areaId ?? undefined);
    return { packId: loaded.pack.id, answer: whoToCallNow(contacts, input.at ? new Date(input.at) : now, isBankHolidayEnglandWales) };
  }),

  'packs.suggest': inTransaction<'packs.suggest'>(({ db, now, recordIds }, input) => {
    const settings = readSettings(db);
    const packId = input.packId ?? settings.pack.packId;
    if (!packId) throw new CommandError('conflict', 'Choose the school’s local-authority pack in Settings first.');
    const { pack } = requirePack(db, packId);
    const dateOfBirth = db.prepare('SELECT date_of_birth FROM pupils WHERE id = ?').pluck().get(input.pupilId) as string | undefined;
    if (!dateOfBirth) throw new CommandError('not_found', 'That pupil does not exist.');
    recordIds.push(input.pupilId);
    return suggestLevel(pack, {
      ticked: input.ticked,
      dateOfBirth,
      assessmentDate: londonIsoDate(now),
      ...(settings.pack.areaId && packId === settings.pack.packId ? { areaId: settings.pack.areaId } : {}),
    });
  }),
};
