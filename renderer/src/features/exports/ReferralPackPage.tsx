// The MASH referral pack: a preview in the order a front-door social worker reads it, where the DSL chooses the
// sections and chronology entries, rewrites the narratives for this pack only, says whom it is for and on what
// basis, then exports an encrypted archive whose passphrase is shown once.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { commands, type ChronologyEntry, type CommandOutput, type ProtectedFile, type ReferralNarratives } from '../../../../shared/api';
import { formatDate, formatDateTime, formatIsoDate } from '../../../../shared/calendar';
import type { ReferralSectionId } from '../../../../shared/exports';
import type { ResolvedPack } from '../../../../shared/thresholds';
import { invoke } from '../../api';
import { AlertMessage, Button, CheckboxField, ErrorSummary, PageHeading, SelectField, StatusMessage, TextField, Warning, checkWith, useForm, type Form } from '../../components';
import { ChildFileLink, ConsentFields, ExportProgress, ProtectedFileResult, childName } from './exportParts';

type Preview = CommandOutput<'exports.referralPreview'>;
type PackDocument = Preview['document'];

const narrativeFields: Record<keyof ReferralNarratives, { label: string; hint?: string }> = {
  reasonForReferral: { label: 'Reason for referral', hint: 'What has happened and why the school is worried now, in plain words.' },
  whatTheSchoolIsAskingFor: { label: 'What the school is asking for', hint: 'For example: a child and family assessment, a strategy discussion, advice.' },
  workingWell: { label: 'What is working well' },
  worries: { label: 'What are we worried about' },
  needsToHappen: { label: 'What needs to happen' },
  wishesAndFeelings: { label: 'The child’s wishes and feelings', hint: 'What the child has said they want, in their own words where you can.' },
  earlyHelp: { label: 'Early help already tried' },
  otherAgencies: { label: 'Other agencies involved', hint: 'Who else knows the family: health visitor, GP, CAMHS, youth offending, housing.' },
};

const narrativesBySection: Partial<Record<ReferralSectionId, (keyof ReferralNarratives)[]>> = {
  reason: ['reasonForReferral', 'whatTheSchoolIsAskingFor'],
  signsOfSafety: ['workingWell', 'worries', 'needsToHappen'],
  wishesAndFeelings: ['wishesAndFeelings'],
  earlyHelp: ['earlyHelp'],
  otherAgencies: ['otherAgencies'],
};

type Values = Record<string, string | boolean>;

function initialValues(preview: Preview): Values {
  const document = preview.document;
  const values: Values = {
    'addressedTo.contactId': '',
    'addressedTo.contactName': document.cover.addressedTo.contactName,
    'addressedTo.phone': document.cover.addressedTo.phone,
    'addressedTo.email': document.cover.addressedTo.email,
    'referrer.role': document.cover.referrer.role,
    'referrer.phone': document.cover.referrer.phone,
    'referrer.email': document.cover.referrer.email,
    purpose: 'Referral to children’s social care about a child’s safety and welfare',
    lawfulBasis: 'safeguarding_children',
    // Carried forward from the decision (the latest sharing it logged), so the DSL checks it rather than types it again.
    'consent.position': preview.recordedConsent?.position ?? '',
    'consent.reason': preview.recordedConsent?.reason ?? '',
    'narratives.reasonForReferral': document.reason?.reasonForReferral ?? '',
    'narratives.whatTheSchoolIsAskingFor': document.reason?.whatTheSchoolIsAskingFor ?? '',
    'narratives.workingWell': document.signsOfSafety?.workingWell ?? '',
    'narratives.worries': document.signsOfSafety?.worries ?? '',
    'narratives.needsToHappen': document.signsOfSafety?.needsToHappen ?? '',
    'narratives.wishesAndFeelings': document.wishesAndFeelings ?? '',
    'narratives.earlyHelp': document.earlyHelp ?? '',
    'narratives.otherAgencies': document.otherAgencies ?? '',
  };
  for (const section of preview.sections) values[`section.${section.id}`] = true;
  return values;
}

export function ReferralPackPage({ pupilId }: { pupilId: string }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [pack, setPack] = useState<ResolvedPack | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Which concern the pack is about: the latest until the DSL chooses another.
  const [concernId, setConcernId] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    // The form stays as it is while the preview reloads for another concern: nothing typed is lost.
    void invoke('exports.referralPreview', { pupilId, concernId }).then((result) => {
      if (!live) return;
      if (result.ok) setPreview(result.value);
      else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [pupilId, concernId]);

  useEffect(() => {
    let live = true;
    void invoke('packs.list', {}).then(async (listed) => {
      if (!listed.ok || !listed.value.chosen.packId) return;
      const got = await invoke('packs.get', { packId: listed.value.chosen.packId });
      if (live && got.ok) setPack(got.value);
    });
    return () => {
      live = false;
    };
  }, [pupilId]);

  const caption = preview ? childName(preview.document.child) : undefined;
  return (
    <section className="page page--exports">
      <PageHeading caption={caption}>MASH referral pack</PageHeading>
      <ChildFileLink pupilId={pupilId} />
      {problem && <AlertMessage title="The pack could not be prepared">{problem}</AlertMessage>}
      {!preview && !problem && <p className="loading">Preparing the preview…</p>}
      {preview && <ReferralPackForm pupilId={pupilId} preview={preview} pack={pack} chooseConcern={setConcernId} />}
    </section>
  );
}

function ReferralPackForm({ pupilId, preview, pack, chooseConcern }: { pupilId: string; preview: Preview; pack: ResolvedPack | null; chooseConcern: (concernId: string) => void }) {
  const initial = useMemo(() => initialValues(preview), [preview]);
  const form = useForm<Values>(initial);
  const [chosenEntries, setChosenEntries] = useState<ReadonlySet<string>>(() => new Set(preview.chronologyEntries.map((entry) => entry.id)));
  const [result, setResult] = useState<(ProtectedFile & { pageCount: number }) | null>(null);
  const [finished, setFinished] = useState(false);
  const frontDoorContacts = (pack?.contacts ?? []).filter((contact) => contact.role === 'mash_front_door');
  const otherContacts = (pack?.contacts ?? []).filter((contact) => contact.role !== 'mash_front_door');

  const included = preview.sections.filter((section) => section.required || form.values[`section.${section.id}`] === true).map((section) => section.id);
  const order = [
    'addressedTo.contactId',
    'addressedTo.contactName',
    'addressedTo.phone',
    'addressedTo.email',
    'referrer.role',
    'referrer.phone',
    'referrer.email',
    ...Object.keys(narrativeFields).map((key) => `narratives.${key}`),
    'chronologyEntryIds',
    'consent.position',
    'consent.reason',
    'purpose',
    'lawfulBasis',
  ];

  const chooseContact = (contactId: string) => {
    form.set('addressedTo.contactId', contactId);
    const contact = pack?.contacts.find((candidate) => candidate.id === contactId);
    if (!contact) return;
    form.set('addressedTo.contactName', contact.name);
    form.set('addressedTo.phone', contact.phone ?? '');
    form.set('addressedTo.email', contact.email ?? '');
  };

  const submit = () =>
    void form.submit({
      check: (values) => {
        const narratives: Record<string, string> = {};
        for (const key of Object.keys(narrativeFields)) narratives[key] = String(values[`narratives.${key}`]);
        const entryIds = preview.chronologyEntries.filter((entry) => chosenEntries.has(entry.id)).map((entry) => entry.id);
        return checkWith(commands['exports.referralExport'].input, {
          pupilId,
          concernId: preview.document.currentConcern?.concernId ?? null,
          sections: included,
          narratives,
          chronologyEntryIds: entryIds,
          addressedTo: {
            packId: values['addressedTo.contactId'] ? (pack?.id ?? null) : null,
            contactName: values['addressedTo.contactName'],
            phone: values['addressedTo.phone'],
            email: values['addressedTo.email'],
          },
          referrer: { role: values['referrer.role'], phone: values['referrer.phone'], email: values['referrer.email'] },
          purpose: values.purpose,
          lawfulBasis: values.lawfulBasis,
          consent: { position: values['consent.position'] || undefined, reason: values['consent.reason'] },
        });
      },
      send: (input) => invoke('exports.referralExport', input),
      onSuccess: setResult,
    });

  if (finished && result) {
    // The app saves a file; it sends nothing. Saying "sent" here once let a DSL believe the front door had it.
    const recipient = String(form.values['addressedTo.contactName']).trim();
    return (
      <StatusMessage title="Referral pack saved — not sent yet">
        <p>
          Saved to your computer as <strong>{result.fileName}</strong> (in your downloads folder, unless you chose another place). Nothing has been sent from here: send it{recipient ? ` to ${recipient}` : ''},
          and the passphrase separately, for example by phone.
        </p>
        <p>The export is recorded in the information-sharing log. The passphrase is no longer shown; if it is lost, export the pack again.</p>
        <ChildFileLink pupilId={pupilId} />
      </StatusMessage>
    );
  }

  if (result) {
    return (
      <>
        <ExportProgress busy={false} busyText="" doneText="The referral pack is ready to download." />
        <ProtectedFileResult
          file={result}
          title="The referral pack is ready"
          summary={
            <p>
              An encrypted archive holding the pack as a PDF ({result.pageCount} {result.pageCount === 1 ? 'page' : 'pages'}, marked OFFICIAL-SENSITIVE) and as JSON for systems that can take
              it. The export is recorded in the information-sharing log.
            </p>
          }
          onFinished={() => setFinished(true)}
        />
      </>
    );
  }

  return (
    <form
      className="export-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <p className="lead">The pack follows the order a front-door social worker reads it. Choose what goes in, check the words, say whom it is for, then export it.</p>
      <Warning>
        Changes you make here go only into this pack. <strong>The child’s file itself is not changed.</strong>
      </Warning>

      {preview.sections.map((section) => (
        <PackSection key={section.id} id={section.id} heading={section.heading} required={section.required} form={form}>
          <SectionBody
            id={section.id}
            document={preview.document}
            form={form}
            entries={preview.chronologyEntries}
            chosenEntries={chosenEntries}
            setChosenEntries={setChosenEntries}
            contacts={{ frontDoor: frontDoorContacts, other: otherContacts, packTitle: pack?.title ?? null }}
            chooseContact={chooseContact}
            chooseConcern={chooseConcern}
          />
        </PackSection>
      ))}

      <section className="pack-section" aria-labelledby="pack-why">
        <h2 id="pack-why" className="pack-section__title">
          Why it is being shared
        </h2>
        <TextField {...form.bind('purpose')} label="Purpose" hint="Recorded in the information-sharing log with what was sent, to whom and when." multiline />
      </section>

      <ExportProgress busy={form.submitting} busyText="Building the PDF and encrypting the archive… this can take a few seconds." />
      <Button type="submit" busy={form.submitting} busyLabel="Exporting…">
        Export the referral pack
      </Button>
    </form>
  );
}

function PackSection({ id, heading, required, form, children }: { id: ReferralSectionId; heading: string; required: boolean; form: Form<Values>; children: ReactNode }) {
  const included = required || form.values[`section.${id}`] === true;
  const titleId = form.idFor(`section-title.${id}`);
  return (
    <section className={included ? 'pack-section' : 'pack-section pack-section--left-out'} aria-labelledby={titleId}>
      <div className="pack-section__head">
        <h2 id={titleId} className="pack-section__title">
          {heading}
        </h2>
        {required ? (
          <span className="tag pack-section__required">Always included</span>
        ) : (
          <CheckboxField id={form.idFor(`section.${id}`)} label={`Include “${heading}”`} checked={included} onChange={(checked) => form.set(`section.${id}`, checked)} />
        )}
      </div>
      {included ? children : <p className="muted">Left out of this pack.</p>}
    </section>
  );
}

interface SectionBodyProps {
  id: ReferralSectionId;
  document: PackDocument;
  form: Form<Values>;
  entries: ChronologyEntry[];
  chosenEntries: ReadonlySet<string>;
  setChosenEntries: (next: ReadonlySet<string>) => void;
  contacts: { frontDoor: NonNullable<ResolvedPack['contacts']>; other: NonNullable<ResolvedPack['contacts']>; packTitle: string | null };
  chooseContact: (contactId: string) => void;
  chooseConcern: (concernId: string) => void;
}

function Details({ rows }: { rows: Array<[string, string | null | undefined]> }) {
  const shown = rows.filter(([, value]) => value);
  if (shown.length === 0) return <p className="muted">Nothing recorded.</p>;
  return (
    <dl className="pack-details">
      {shown.map(([term, value]) => (
        <div key={term} className="pack-details__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Narratives({ keys, form }: { keys: (keyof ReferralNarratives)[]; form: Form<Values> }) {
  return (
    <>
      {keys.map((key) => (
        <TextField key={key} {...form.bind(`narratives.${key}`)} label={narrativeFields[key].label} hint={narrativeFields[key].hint} multiline />
      ))}
    </>
  );
}

function SectionBody({ id, document, form, entries, chosenEntries, setChosenEntries, contacts, chooseContact, chooseConcern }: SectionBodyProps) {
  const narrativeKeys = narrativesBySection[id];
  if (narrativeKeys) return <Narratives keys={narrativeKeys} form={form} />;
  switch (id) {
    case 'cover': {
      const cover = document.cover;
      return (
        <>
          <Details
            rows={[
              ['School', `${cover.school.name} (URN ${cover.school.urn})`],
              ['Referrer', cover.referrer.name],
              ['Other designated safeguarding leads', cover.otherDesignatedLeads.join(', ')],
              ['Date', formatIsoDate(cover.date)],
            ]}
          />
          <h3 className="pack-section__subtitle">Addressed to</h3>
          <SelectField
            {...form.bind('addressedTo.contactId')}
            onChange={chooseContact}
            label="Front door contact"
            hint={contacts.packTitle ? `From the school’s pack: ${contacts.packTitle}. Check the details are still right.` : 'The school has not chosen a local-authority pack, so type the details.'}
            placeholder="Someone else — type their details"
            options={[...contacts.frontDoor, ...contacts.other].map((contact) => ({ value: contact.id, label: contact.phone ? `${contact.name} (${contact.phone})` : contact.name }))}
          />
          <TextField {...form.bind('addressedTo.contactName')} label="Team or person the pack is for" />
          <TextField {...form.bind('addressedTo.phone')} label="Their phone (optional)" width="medium" />
          <TextField {...form.bind('addressedTo.email')} label="Their email (optional)" width="medium" spellCheck={false} />
          <h3 className="pack-section__subtitle">Your contact details</h3>
          <TextField {...form.bind('referrer.role')} label="Your role (optional)" width="medium" />
          <TextField {...form.bind('referrer.phone')} label="Your phone (optional)" width="medium" />
          <TextField {...form.bind('referrer.email')} label="Your email (optional)" width="medium" spellCheck={false} />
        </>
      );
    }
    case 'child': {
      const child = document.child;
      return (
        <Details
          rows={[
            ['Legal name', `${child.legalFirstName} ${child.legalLastName}`],
            ['Known as', child.preferredName],
            ['Date of birth', formatIsoDate(child.dateOfBirth)],
            ['UPN', child.upn],
            ['Year group', child.yearGroup],
            ['Address', [child.address, child.postcode].filter(Boolean).join(', ')],
            ['Ethnicity', child.ethnicity],
            ['First language', child.firstLanguage],
            ['Religion', child.religion],
            ['SEN', child.senStatus],
            ['Status', child.statusFlags.map((flag) => flag.label).join(', ')],
          ]}
        />
      );
    }
    case 'household': {
      const household = document.household;
      if (!household || (household.adults.length === 0 && household.siblingsAtSchool.length === 0)) return <p className="muted">Nothing recorded.</p>;
      return (
        <ul className="list">
          {household.adults.map((adult) => (
            <li key={adult.name}>
              {adult.name} — {adult.relationship}
              {adult.parentalResponsibility ? ', parental responsibility' : ''}
              {adult.phone ? `, ${adult.phone}` : ''}
            </li>
          ))}
          {household.siblingsAtSchool.map((sibling) => (
            <li key={sibling.name}>
              {sibling.name} — sibling at this school{sibling.yearGroup ? `, year ${sibling.yearGroup}` : ''}
            </li>
          ))}
        </ul>
      );
    }
    case 'currentConcern': {
      const concern = document.currentConcern;
      if (!concern) return <p className="muted">No concern is recorded for this child.</p>;
      const logged = entries.filter((entry) => entry.id.startsWith('concern:'));
      return (
        <>
          {logged.length > 1 && (
            <SelectField
              id={form.idFor('currentConcern')}
              label="The concern this referral is about"
              hint="Shown in full in the pack. The chronology below still lists every concern you keep in it."
              value={concern.concernId}
              onChange={chooseConcern}
              options={[...logged].reverse().map((entry) => ({ value: entry.recordId, label: `${formatDateTime(new Date(entry.at))} — ${concernLabel(entry.detail)}` }))}
            />
          )}
          <Details
            rows={[
              ['When', formatDateTime(new Date(concern.occurredAt))],
              ['Recorded by', `${concern.recordedBy}, ${formatDateTime(new Date(concern.recordedAt))}`],
              ['Where', concern.location],
              ['What happened', concern.whatHappened],
              ['Others present', concern.othersPresent],
              ['Action taken', concern.actionTaken],
              ['Body map', concern.bodyMap.length > 0 ? `${concern.bodyMap.length} ${concern.bodyMap.length === 1 ? 'mark' : 'marks'} drawn on the outline (shown in the PDF)` : null],
            ]}
          />
          {concern.childsOwnWords && (
            <figure className="pack-quote">
              <figcaption>The child’s own words</figcaption>
              <blockquote>{concern.childsOwnWords}</blockquote>
            </figure>
          )}
          <p className="muted">The concern goes in exactly as it was recorded.</p>
        </>
      );
    }
    case 'chronology':
      return <ChronologyPicker entries={entries} chosen={chosenEntries} setChosen={setChosenEntries} form={form} />;
    case 'thresholdAssessment': {
      const assessment = document.thresholdAssessment;
      if (!assessment) return <p className="muted">No threshold assessment is recorded.</p>;
      return (
        <Details
          rows={[
            ['Assessed', formatDate(new Date(assessment.assessedAt))],
            ['Indicators', assessment.indicators.map((indicator) => indicator.text).join('; ')],
            ['Suggested level', assessment.suggestedLevel],
            ['The DSL’s judgement', assessment.judgedLevel],
            ['Reasons', assessment.reasons],
          ]}
        />
      );
    }
    case 'consent':
      return <ConsentFields form={form} hint="A referral about significant harm goes ahead without consent; record why." />;
    case 'attachments': {
      const attachments = document.attachments ?? [];
      if (attachments.length === 0) return <p className="muted">No attachments.</p>;
      return (
        <>
          <ul className="list">
            {attachments.map((attachment) => (
              <li key={attachment.name}>{attachment.name}</li>
            ))}
          </ul>
          <p className="muted">Attachments are listed in the pack, not sent with it.</p>
        </>
      );
    }
    default:
      return null;
  }
}

/** A concern's opening words, enough to tell it from the others in a list; the chosen one is shown whole below. */
const concernLabel = (text: string) => (text.length > 90 ? `${text.slice(0, Math.max(text.lastIndexOf(' ', 90), 60))}…` : text);

function ChronologyPicker({ entries, chosen, setChosen, form }: { entries: ChronologyEntry[]; chosen: ReadonlySet<string>; setChosen: (next: ReadonlySet<string>) => void; form: Form<Values> }) {
  if (entries.length === 0) return <p className="muted">The chronology is empty.</p>;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const legendId = form.idFor('chronology-legend');
  return (
    <fieldset className="fieldset pack-chronology" aria-describedby={`${legendId}-count`}>
      <legend className="field__label" id={legendId}>
        Entries to include
      </legend>
      <p className="field__hint" id={`${legendId}-count`}>
        {chosen.size} of {entries.length} entries chosen.
      </p>
      <p className="pack-chronology__all">
        <Button variant="quiet" onClick={() => setChosen(new Set(entries.map((entry) => entry.id)))}>
          Choose all
        </Button>{' '}
        <Button variant="quiet" onClick={() => setChosen(new Set(entries.filter((entry) => entry.significant).map((entry) => entry.id)))}>
          Only significant entries
        </Button>
      </p>
      <ul className="pack-chronology__list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <CheckboxField
              id={form.idFor(`entry.${entry.id}`)}
              label={
                <>
                  <span className="pack-chronology__when">{formatDateTime(new Date(entry.at))}</span> {entry.title}
                  {entry.significant && <span className="tag pack-chronology__tag">Significant</span>}
                </>
              }
              hint={entry.detail ? entry.detail : undefined}
              checked={chosen.has(entry.id)}
              onChange={(checked) => toggle(entry.id, checked)}
            />
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
