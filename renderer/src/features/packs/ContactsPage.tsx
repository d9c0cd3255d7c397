// Who to call: the line to ring now (open offices, or the out-of-hours service when the front door is shut on
// an evening, a weekend or a bank holiday) and the directory of the pack's contacts. Admin and DSL can correct
// a contact's details and mark them checked; that is kept in the school's records, never in the shipped file.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { commands, roleMay, type AppError, type CommandOutput, type Result } from '../../../../shared/api';
import { formatIsoDate } from '../../../../shared/calendar';
import { contactsForArea, type Contact, type ContactNow, type ResolvedPack, type WhoToCallNow } from '../../../../shared/thresholds';
import { invoke } from '../../api';
import { useApp } from '../../app/AppContext';
import { hrefFor } from '../../app/routes';
import { AlertMessage, Button, ButtonGroup, CheckboxField, checkWith, ErrorSummary, LinkButton, PageHeading, StatusMessage, TextField, useForm } from '../../components';
import { usePack, usePackList } from './packData';
import { contactRoleLabels, contactRoleOrder, describeAvailability, describePublished, weekdayName } from './packWording';
import { SourceLine } from './SourceLine';
import './packs.css';

function PhoneLink({ phone }: { phone: string }) {
  return <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>;
}

function EmergencyReminder() {
  return (
    <div className="emergency" role="note" aria-label="Emergency">
      <p className="emergency__number">999</p>
      <p className="emergency__text">
        <strong>If a child is in immediate danger, call the police on 999 now.</strong> Then tell a DSL in person. The record can wait.
      </p>
    </div>
  );
}

function nowStatusText(entry: ContactNow): string {
  if (entry.status === 'open') return 'Open now';
  if (entry.status === 'closed') return 'Closed now';
  return 'Hours not known';
}

function CallNowPanel({ answer, onRefresh, checking }: { answer: WhoToCallNow; onRefresh: () => void; checking: boolean }) {
  const entryFor = (contact: Contact) => answer.contacts.find((entry) => entry.contact.id === contact.id);
  // Offices that are shut, with the line that covers them: the heart of the panel out of hours.
  const closedOffices = answer.contacts.filter((entry) => entry.status === 'closed' && entry.contact.availability.kind === 'weekly');
  // 999 has its own reminder; lines with unknown hours are worth trying but are not the answer to "who now".
  const callNow = answer.callNow.filter((contact) => contact.phone !== '999' && entryFor(contact)?.status !== 'hours_unknown');
  const unknownHours = answer.callNow.filter((contact) => entryFor(contact)?.status === 'hours_unknown');
  const when = `${answer.londonTime} on ${weekdayName(answer.weekday)} ${formatIsoDate(answer.londonDate)}${answer.isBankHoliday ? ', a bank holiday' : ''}`;
  return (
    <section className="call-now" aria-labelledby="call-now-heading">
      <h2 id="call-now-heading" className="call-now__title">
        Who to call now
      </h2>
      <p className="call-now__when" role="status">
        Checked at {when}.
      </p>
      {closedOffices.map((entry) => (
        <p key={entry.contact.id} className="call-now__closed">
          <strong>{entry.contact.name} is closed</strong> ({entry.reason.replace(/^Closed: /, '').replace(/^Closed /, '')}).
          {entry.callInstead ? (
            <>
              {' '}
              Call {entry.callInstead.name} instead{entry.callInstead.phone ? <>: <PhoneLink phone={entry.callInstead.phone} /></> : ''}.
            </>
          ) : (
            ' The pack names no line that covers its closed hours.'
          )}
        </p>
      ))}
      {callNow.length === 0 ? (
        <p>No line in this pack is known to be open now. If a child is in immediate danger, call 999.</p>
      ) : (
        <ol className="call-now__list">
          {callNow.map((contact, index) => {
            const entry = entryFor(contact);
            return (
              <li key={contact.id} className={index === 0 ? 'call-now__item call-now__item--first' : 'call-now__item'}>
                <p className="call-now__name">{contact.name}</p>
                {contact.phone ? (
                  <p className="call-now__phone">
                    <PhoneLink phone={contact.phone} />
                  </p>
                ) : (
                  contact.url && <p>{contact.url}</p>
                )}
                {entry && (
                  <p className={`call-now__status call-now__status--${entry.status}`}>
                    <strong>{nowStatusText(entry)}.</strong> {entry.reason}.
                  </p>
                )}
                {contact.description && <p className="muted">{contact.description}</p>}
              </li>
            );
          })}
        </ol>
      )}
      {unknownHours.length > 0 && (
        <details className="call-now__unknown">
          <summary>Other contacts whose hours are not known ({unknownHours.length})</summary>
          <ul className="list">
            {unknownHours.map((contact) => (
              <li key={contact.id}>
                {contact.name}
                {contact.phone ? (
                  <>
                    : <PhoneLink phone={contact.phone} />
                  </>
                ) : (
                  contact.url && `: ${contact.url}`
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      <Button variant="secondary" onClick={onRefresh} busy={checking} busyLabel="Checking…">
        Check again
      </Button>
    </section>
  );
}

interface ContactValues extends Record<string, string | boolean> {
  phone: string;
  email: string;
  note: string;
  verified: boolean;
}

function EditContactForm({ packId, contact, onDone, onCancel }: { packId: string; contact: Contact; onDone: (verifiedOn: string | null) => void; onCancel: () => void }) {
  const form = useForm<ContactValues>({ phone: contact.phone ?? '', email: contact.email ?? '', note: contact.note ?? '', verified: false });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({
      check: (values) => checkWith(commands['packs.updateContact'].input, { packId, contactId: contact.id, ...values }),
      send: (input) => invoke('packs.updateContact', input),
      onSuccess: (value) => onDone(value.verifiedOn),
    });
  };
  return (
    <form noValidate onSubmit={submit} className="contact-edit" aria-label={`Correct ${contact.name}`}>
      <ErrorSummary errors={form.errors} formError={form.formError} order={['phone', 'email', 'note', 'verified']} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <p className="muted">Your corrections are kept in this school’s records. The pack file shipped with the app is never changed.</p>
      <TextField {...form.bind('phone')} label="Phone" width="medium" inputMode="text" />
      <TextField {...form.bind('email')} label="Email" width="medium" spellCheck={false} />
      <TextField {...form.bind('note')} label="Note for staff" hint="For example: ask for the duty social worker; this number has changed since the document." multiline />
      <CheckboxField
        id={form.idFor('verified')}
        label="I have checked these details today"
        hint="Marks the contact “verified on” today’s date. Leave unticked if you are only making a note."
        checked={Boolean(form.values.verified)}
        error={form.errors.verified}
        onChange={(checked) => form.set('verified', checked)}
      />
      <ButtonGroup>
        <Button type="submit" busy={form.submitting} busyLabel="Saving…">
          Save the contact
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ButtonGroup>
    </form>
  );
}

function ContactCard({ pack, contact, mayEdit, onChanged }: { pack: ResolvedPack; contact: Contact; mayEdit: boolean; onChanged: (message: string) => void }) {
  const [editing, setEditing] = useState(false);
  const nameOf = (id: string) => pack.contacts.find((candidate) => candidate.id === id)?.name;
  const headingId = useId();
  const areas = contact.areaIds?.map((id) => pack.areas.find((area) => area.id === id)?.name ?? id);
  return (
    <li className="contact">
      <h4 className="contact__name" id={headingId}>
        {contact.name}
      </h4>
      {contact.description && <p>{contact.description}</p>}
      <dl className="contact__facts">
        {contact.phone && (
          <div>
            <dt>Phone</dt>
            <dd>
              <PhoneLink phone={contact.phone} />
            </dd>
          </div>
        )}
        {contact.email && (
          <div>
            <dt>Email</dt>
            <dd>
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </dd>
          </div>
        )}
        {contact.url && (
          <div>
            <dt>Online</dt>
            <dd>{contact.url}</dd>
          </div>
        )}
        <div>
          <dt>Hours</dt>
          <dd>{describeAvailability(contact.availability, nameOf)}</dd>
        </div>
        {areas && (
          <div>
            <dt>Area</dt>
            <dd>{areas.join(', ')}</dd>
          </div>
        )}
        {contact.note && (
          <div>
            <dt>Note</dt>
            <dd>{contact.note}</dd>
          </div>
        )}
        <div>
          <dt>Checked</dt>
          <dd className={contact.verifiedOn ? 'contact__verified' : 'contact__unverified'}>
            {contact.verifiedOn ? `Verified on ${formatIsoDate(contact.verifiedOn)}` : 'Not verified: check before you rely on it'}
          </dd>
        </div>
      </dl>
      <SourceLine as="p" source={contact.source} document={pack.provenance} />
      {mayEdit &&
        (editing ? (
          <EditContactForm
            packId={pack.id}
            contact={contact}
            onCancel={() => setEditing(false)}
            onDone={(verifiedOn) => {
              setEditing(false);
              onChanged(verifiedOn ? `${contact.name} saved and verified on ${formatIsoDate(verifiedOn)}.` : `${contact.name} saved.`);
            }}
          />
        ) : (
          <LinkButton onClick={() => setEditing(true)}>
            Correct or verify<span className="visually-hidden"> {contact.name}</span>
          </LinkButton>
        ))}
    </li>
  );
}

function Directory({ pack, areaId, mayEdit, onChanged }: { pack: ResolvedPack; areaId: string | null; mayEdit: boolean; onChanged: (message: string) => void }) {
  const contacts = contactsForArea(pack, areaId ?? undefined);
  const area = pack.areas.find((candidate) => candidate.id === areaId);
  return (
    <section aria-labelledby="directory-heading">
      <h2 id="directory-heading" className="section-title">
        Contacts in {pack.title}
        {area ? `, for ${area.name}` : ''}
      </h2>
      {mayEdit && (
        <p>
          You can correct a number or mark a contact as checked. Corrections are kept in this school’s records; the pack file shipped with the app is never
          changed.
        </p>
      )}
      {contactRoleOrder.map((role) => {
        const inRole = contacts.filter((contact) => contact.role === role);
        if (inRole.length === 0 && role !== 'lado') return null;
        return (
          <section key={role} aria-labelledby={`role-${role}`}>
            <h3 id={`role-${role}`} className="contacts__role">
              {contactRoleLabels[role]}
            </h3>
            {inRole.length === 0 ? (
              <p>This pack names no LADO. Find your local authority’s LADO on the council’s website and add them to your own records.</p>
            ) : (
              <ul className="contacts">
                {inRole.map((contact) => (
                  <ContactCard key={contact.id} pack={pack} contact={contact} mayEdit={mayEdit} onChanged={onChanged} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </section>
  );
}

export function ContactsPage() {
  const { status } = useApp();
  const mayEdit = status.user ? roleMay(status.user.role, 'settings.manage') : false;
  const { packs, chosen, problem } = usePackList();
  const [version, setVersion] = useState(0);
  const { pack } = usePack(chosen.packId, version);
  const [answer, setAnswer] = useState<WhoToCallNow | null>(null);
  const [answerProblem, setAnswerProblem] = useState<AppError | null>(null);
  const [checking, setChecking] = useState(false);
  const [changed, setChanged] = useState<string | null>(null);

  const apply = useCallback((result: Result<CommandOutput<'packs.whoToCallNow'>>) => {
    if (result.ok) {
      setAnswer(result.value.answer);
      setAnswerProblem(null);
    } else setAnswerProblem(result.error);
  }, []);

  const check = async () => {
    setChecking(true);
    apply(await invoke('packs.whoToCallNow', {}));
    setChecking(false);
  };

  useEffect(() => {
    const load = () => void invoke('packs.whoToCallNow', {}).then(apply);
    load();
    // Opening hours change with the clock: a page left open keeps its answer fresh.
    const timer = window.setInterval(load, 60_000);
    return () => window.clearInterval(timer);
  }, [apply, version]);

  return (
    <section className="page">
      <PageHeading>Who to call</PageHeading>
      <EmergencyReminder />
      {problem && (
        <AlertMessage title="The contacts could not be loaded">
          <p>{problem.message}</p>
        </AlertMessage>
      )}
      {answerProblem && (
        <AlertMessage title="Who to call now could not be worked out">
          <p>{answerProblem.message}</p>
        </AlertMessage>
      )}
      {packs && !chosen.packId && (
        <div className="panel">
          <p>The school has not chosen its local-authority pack, so the app does not know whom to suggest.</p>
          {mayEdit ? (
            <p>
              <a href={hrefFor('settings')}>Choose the pack in Settings</a>.
            </p>
          ) : (
            <p>Ask a DSL or the school’s administrator to choose it. Until then, use the numbers your DSL has given you.</p>
          )}
        </div>
      )}
      {answer && <CallNowPanel answer={answer} onRefresh={() => void check()} checking={checking} />}
      {pack && (
        <p className="call-now__provenance">
          <strong>Historical — verify before use.</strong> These details come from “{pack.provenance.title}”, published {describePublished(pack.provenance.publishedOn)}, and
          numbers change. A contact marked “not verified” has not been checked by the school.
        </p>
      )}
      {changed && <StatusMessage title="Contact saved">{changed}</StatusMessage>}
      {pack && (
        <Directory
          pack={pack}
          areaId={chosen.areaId}
          mayEdit={mayEdit}
          onChanged={(message) => {
            setChanged(message);
            setVersion((value) => value + 1);
          }}
        />
      )}
    </section>
  );
}
