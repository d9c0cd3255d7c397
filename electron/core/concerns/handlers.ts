import { adultHandlers } from '../adults';
import { CommandError } from '../dispatch/commandError';
import { inTransaction, withSession } from '../dispatch/handler';
import { readSettings } from '../settings';
import {
  addAddendum,
  categoryList,
  editableCategoryList,
  replaceCategoryList,
  discardDraft,
  listNewConcerns,
  matchPupil,
  myConcerns,
  myDrafts,
  newConcernAlerts,
  readAttachment,
  saveDraft,
  viewConcern,
} from './concernLog';

const notFound = () => new CommandError('not_found', 'That concern does not exist, or is not yours to see.');

export const concernHandlers = {
  'concerns.categories': inTransaction<'concerns.categories'>(({ db }) => editableCategoryList(db)),

  'concerns.updateCategories': inTransaction<'concerns.updateCategories'>(({ db, recordIds }, input) => {
    replaceCategoryList(db, input.categories);
    recordIds.push('concern-categories');
    return editableCategoryList(db);
  }),

  'concerns.formContext': inTransaction<'concerns.formContext'>(({ db }) => {
    const settings = readSettings(db);
    return {
      categories: categoryList(db).map((category) => ({ ...category, duty: category.duty ?? null })),
      dslOnDuty: settings.dslOnDuty,
      headteacher: settings.headteacher,
    };
  }),

  // Sealed and queued whether or not the records are open, and stored at once if they are (decision 0022).
  'concerns.submit': withSession<'concerns.submit'>(({ app, session, now, door, caller }, input) => app.intake.submit(session.user, input, now, { door, client: caller.address ?? null })),

  // The installed app's session key in connect mode (decision 0024, addendum); issued while locked or open.
  'intake.voucher': withSession<'intake.voucher'>(({ app, session, now }, input) =>
    app.intake.voucherFor(session.user, Buffer.from(input.publicKey, 'base64'), now, app.sessions.endsAt(session)),
  ),

  /** With the records locked, what is still sealed is listed from the envelopes' headers; the rest waits for them to open. */
  'concerns.mine': withSession<'concerns.mine'>(({ app, db, session }) => {
    const waiting = app.intake.waitingFor(session.user.id).map((envelope) => ({
      id: envelope.envelopeId,
      recordedAt: envelope.recordedAt,
      occurredAt: null,
      pupilNames: [],
      childDescribed: '',
      status: 'waiting' as const,
      immediateDanger: false,
    }));
    return [...waiting, ...(db ? myConcerns(db, session.user.id) : [])];
  }),

  'concerns.get': inTransaction<'concerns.get'>(({ db, session, now, recordIds }, input) => {
    const view = viewConcern(db, input.concernId, session.user, now);
    if (!view) throw notFound();
    recordIds.push(view.id, ...view.pupils.map((pupil) => pupil.pupilId));
    return view;
  }),

  'concerns.attachment': inTransaction<'concerns.attachment'>(({ db, session, recordIds }, input) => {
    const file = readAttachment(db, input.concernId, input.attachmentId, session.user);
    if (!file) throw notFound();
    recordIds.push(input.concernId, input.attachmentId);
    return file;
  }),

  'concerns.addAddendum': inTransaction<'concerns.addAddendum'>(({ db, session, now, recordIds }, input) => {
    const added = addAddendum(db, input.concernId, session.user, input.text, now);
    if (!added) throw notFound();
    recordIds.push(input.concernId, added.id);
    return added;
  }),

  'concerns.matchPupil': inTransaction<'concerns.matchPupil'>(({ db, session, now, recordIds }, input) => {
    const matched = matchPupil(db, input, session.user, now);
    recordIds.push(input.concernId, input.pupilId);
    return matched;
  }),

  'drafts.save': inTransaction<'drafts.save'>(({ db, session, now }, input) => {
    const saved = saveDraft(db, session.user.id, input.draftId, input.form, now);
    if (!saved) throw new CommandError('not_found', 'That draft no longer exists. Your text is still on the screen: submit it, or it will be saved as a new draft.');
    return saved;
  }),

  'drafts.mine': inTransaction<'drafts.mine'>(({ db, session }) => myDrafts(db, session.user.id)),

  'drafts.discard': inTransaction<'drafts.discard'>(({ db, session, recordIds }, input) => {
    if (!discardDraft(db, session.user.id, input.draftId)) throw new CommandError('not_found', 'That draft does not exist.');
    recordIds.push(input.draftId);
    return { done: true };
  }),

  'concerns.alerts': inTransaction<'concerns.alerts'>(({ db }) => newConcernAlerts(db)),

  'concerns.listNew': inTransaction<'concerns.listNew'>(({ db, recordIds }) => {
    const concerns = listNewConcerns(db);
    recordIds.push(...concerns.map((concern) => concern.id));
    return concerns;
  }),

  // Concerns about adults come in through the same door as the concern form (KCSIE Part 4); their own folder holds
  // them, and they travel with this table so the dispatch table needs no change (docs/decisions/0020).
  ...adultHandlers,
};
