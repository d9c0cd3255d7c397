// The LADO slot in every pack: empty where the council's document gives none, filled in and verified by the school
// like any other contact, shown by "who to call now", and given to the person logging when the head is the proprietor.
import { describe, expect, it } from 'vitest';
import { withLadoSlots } from '../../../../../shared/thresholds';
import type { Contact } from '../../../../../shared/thresholds';
import { addAccount, call, newApp, setUpSchool, signInFirstTime, tempDataDir } from '../testSchool';

describe('the LADO contact slot', () => {
  it('adds one empty slot per council, and none where the pack already names a LADO for it', () => {
    const areas = [
      { id: 'north', name: 'North Council', kind: 'council' as const },
      { id: 'south', name: 'South Council', kind: 'council' as const },
      { id: 'north-east', name: 'North East', kind: 'district' as const, parentId: 'north' },
    ];
    const own: Contact = { id: 'north-lado', name: 'North LADO', role: 'lado', phone: '01000 000000', areaIds: ['north'], availability: { kind: 'unknown' }, verifiedOn: null };
    const slots = withLadoSlots({ contacts: [own], areas }).filter((contact) => contact.role === 'lado');
    expect(slots.map((contact) => [contact.id, contact.phone ?? null, contact.source ?? null])).toEqual([
      ['north-lado', '01000 000000', null],
      ['lado-south', null, 'product'],
    ]);
  });

  it('is shown by who to call now, filled in and verified by the school, and given when the head is the proprietor', async () => {
    const app = newApp(tempDataDir(), { clock: () => new Date('2026-11-24T10:00:00Z') });
    await setUpSchool(app);
    const before = await call(app, 'packs.whoToCallNow', {});
    const slot = before.answer!.contacts.find((entry) => entry.contact.role === 'lado');
    expect(slot).toMatchObject({ contact: { id: 'lado-worcestershire', verifiedOn: null }, status: 'hours_unknown' });
    expect(slot!.contact.phone).toBeUndefined();

    await call(app, 'packs.updateContact', { packId: before.packId!, contactId: 'lado-worcestershire', phone: '01905 846221', verified: true });
    const after = await call(app, 'packs.whoToCallNow', {});
    expect(after.answer!.contacts.find((entry) => entry.contact.role === 'lado')!.contact).toMatchObject({ phone: '01905 846221', verifiedOn: '2026-11-24' });

    const head = await addAccount(app, 'head.teacher', 'head', 'leadership');
    await call(app, 'session.signOut', {});
    await signInFirstTime(app, 'head.teacher', 'temporary password 1', 'head own long password');
    await call(app, 'adults.setRoleHolders', { headteacherUserId: head.id, chairOfGovernorsUserId: null, dslUserId: null, lowLevelTo: 'headteacher', headIsProprietor: true });
    await call(app, 'session.signOut', {});
    await call(app, 'session.signIn', { username: 'dsl.jones', password: 'correct horse battery staple' });
    const logged = await call(app, 'adults.log', { subject: { userId: head.id }, occurredDate: '2026-11-24', whatHappened: 'Slapped a pupil', childHarm: 'yes' });
    expect(logged).toMatchObject({ sentTo: 'chair_of_governors', nobodyToReceive: true, ladoDirectly: true, ladoContact: { phone: '01905 846221', verifiedOn: '2026-11-24' } });
  });
});
