// Adding a pupil by hand (a new arrival before the next MIS export) or correcting one (admin or DSL).
import { useEffect, useState, type FormEvent } from 'react';
import { pupilDetailsSchema, type PupilDetails, type PupilSummary } from '../../../../shared/api';
import { formatIsoDate, parseUkDate } from '../../../../shared/calendar';
import { Button, ButtonGroup, CheckboxField, checkWith, ErrorSummary, Fieldset, TextField, useForm } from '../../components';
import { invoke } from '../../api';
import { pupilName } from './rosterWording';

type PupilValues = Record<string, string | boolean>;

const maxContacts = 20;

const baseOrder = ['upn', 'legalFirstName', 'legalLastName', 'preferredName', 'dateOfBirth', 'yearGroup', 'registrationGroup', 'gender', 'senStatus', 'address', 'postcode'];

function emptyValues(pupil: PupilSummary | null): PupilValues {
  return {
    upn: '',
    legalFirstName: pupil?.legalFirstName ?? '',
    legalLastName: pupil?.legalLastName ?? '',
    preferredName: pupil?.preferredName ?? '',
    dateOfBirth: '',
    yearGroup: pupil?.yearGroup ?? '',
    registrationGroup: pupil?.registrationGroup ?? '',
    gender: '',
    senStatus: '',
    address: '',
    postcode: '',
  };
}

/** The stored details as the form's fields, so a correction starts from what is held. */
function storedValues(details: PupilDetails): PupilValues {
  const values: PupilValues = {
    upn: details.upn ?? '',
    legalFirstName: details.legalFirstName,
    legalLastName: details.legalLastName,
    preferredName: details.preferredName ?? '',
    dateOfBirth: formatIsoDate(details.dateOfBirth),
    yearGroup: details.yearGroup ?? '',
    registrationGroup: details.registrationGroup ?? '',
    gender: details.gender ?? '',
    senStatus: details.senStatus ?? '',
    address: details.address,
    postcode: details.postcode,
  };
  details.contacts.forEach((contact, index) => {
    values[`contacts.${index}.name`] = contact.name;
    values[`contacts.${index}.relationship`] = contact.relationship;
    values[`contacts.${index}.phone`] = contact.phone;
    values[`contacts.${index}.parentalResponsibility`] = contact.parentalResponsibility;
  });
  return values;
}

const text = (values: PupilValues, name: string) => String(values[name] ?? '');
const orNull = (value: string) => (value.trim() === '' ? null : value);

function toDetails(values: PupilValues, contactCount: number) {
  const dateOfBirth = parseUkDate(text(values, 'dateOfBirth'));
  const contacts = Array.from({ length: contactCount }, (_, index) => ({
    name: text(values, `contacts.${index}.name`),
    relationship: text(values, `contacts.${index}.relationship`),
    phone: text(values, `contacts.${index}.phone`),
    parentalResponsibility: values[`contacts.${index}.parentalResponsibility`] === true,
  }));
  return {
    details: {
      upn: orNull(text(values, 'upn')),
      legalFirstName: text(values, 'legalFirstName'),
      legalLastName: text(values, 'legalLastName'),
      preferredName: orNull(text(values, 'preferredName')),
      dateOfBirth: dateOfBirth.ok ? dateOfBirth.isoDate : '',
      yearGroup: orNull(text(values, 'yearGroup')),
      registrationGroup: orNull(text(values, 'registrationGroup')),
      gender: orNull(text(values, 'gender')),
      senStatus: orNull(text(values, 'senStatus')),
      address: text(values, 'address'),
      postcode: text(values, 'postcode'),
      // A contact left completely blank is a row the person added and did not use, not a mistake.
      contacts: contacts.filter((contact) => contact.name.trim() || contact.relationship.trim() || contact.phone.trim()),
    },
    dateProblem: dateOfBirth.ok ? null : dateOfBirth.message,
  };
}

export function PupilForm({ pupil, onSaved, onCancel }: { pupil: PupilSummary | null; onSaved: (saved: PupilSummary) => void; onCancel: () => void }) {
  // Kept stable, so `reset` (which depends on the initial values) does not change on every render.
  const [initial] = useState(() => emptyValues(pupil));
  const form = useForm<PupilValues>(initial);
  const [contactCount, setContactCount] = useState(1);
  const [loading, setLoading] = useState(pupil !== null);
  // The version of the pupil as read: a correction saved by someone else meanwhile is not overwritten.
  const [version, setVersion] = useState(0);
  const { reset } = form;

  useEffect(() => {
    if (!pupil) return;
    let current = true;
    void invoke('pupils.get', { pupilId: pupil.id }).then((result) => {
      if (!current) return;
      if (result.ok) {
        reset(storedValues(result.value.details));
        setVersion(result.value.version);
        setContactCount(Math.max(1, result.value.details.contacts.length));
      }
      setLoading(false);
    });
    return () => {
      current = false;
    };
  }, [pupil, reset]);
  const order = [...baseOrder, ...Array.from({ length: contactCount }, (_, index) => [`contacts.${index}.name`, `contacts.${index}.relationship`, `contacts.${index}.phone`]).flat()];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({
      check: (values) => {
        const { details, dateProblem } = toDetails(values, contactCount);
        const checked = checkWith(pupilDetailsSchema, details);
        // The date parser's message ("Enter a real date…") says more than the schema's about what was typed.
        if (!dateProblem) return checked;
        return { ok: false, errors: { ...(checked.ok ? {} : checked.errors), dateOfBirth: dateProblem } };
      },
      send: (details) => (pupil ? invoke('pupils.update', { pupilId: pupil.id, version, details }) : invoke('pupils.create', details)),
      onSuccess: onSaved,
    });
  };

  const bindText = (name: string) => ({
    id: form.idFor(name),
    value: text(form.values, name),
    error: form.errors[name],
    onChange: (value: string) => form.set(name, value),
  });

  return (
    <form noValidate onSubmit={submit} aria-label={pupil ? `Correct ${pupilName(pupil)}’s details` : 'Add a pupil'}>
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      {loading && <p role="status">Loading {pupil ? pupilName(pupil) : 'the pupil'}’s details…</p>}
      <Fieldset legend="The pupil">
        <TextField {...bindText('upn')} label="UPN (Unique Pupil Number)" hint="13 characters: a letter, 11 digits and a final digit or letter. Leave blank if the pupil does not have one yet." width="medium" spellCheck={false} />
        <TextField {...bindText('legalFirstName')} label="Legal first name" width="medium" spellCheck={false} />
        <TextField {...bindText('legalLastName')} label="Legal last name" width="medium" spellCheck={false} />
        <TextField {...bindText('preferredName')} label="Preferred name (optional)" hint="What the pupil is called at school, if different." width="medium" spellCheck={false} />
        <TextField {...bindText('dateOfBirth')} label="Date of birth" hint="For example 04/03/2016" width="short" />
        <TextField {...bindText('yearGroup')} label="Year group (optional)" hint="For example 7, or R for Reception." width="short" />
        <TextField {...bindText('registrationGroup')} label="Registration group (optional)" hint="For example 7C." width="short" />
        <TextField {...bindText('gender')} label="Gender (optional)" width="short" />
        <TextField {...bindText('senStatus')} label="SEN status (optional)" hint="For example: K - SEN support, or E - EHC plan." width="medium" />
        <TextField {...bindText('address')} label="Address (optional)" multiline />
        <TextField {...bindText('postcode')} label="Postcode (optional)" width="short" />
      </Fieldset>
      <Fieldset legend="Contacts (optional)">
        {Array.from({ length: contactCount }, (_, index) => (
          <div className="pupil-contact" key={index}>
            <p className="pupil-contact__title">Contact {index + 1}</p>
            <TextField {...bindText(`contacts.${index}.name`)} label={`Contact ${index + 1}: name`} width="medium" spellCheck={false} />
            <TextField {...bindText(`contacts.${index}.relationship`)} label={`Contact ${index + 1}: relationship to the pupil`} hint="For example: mother, grandparent, foster carer." width="medium" />
            <TextField {...bindText(`contacts.${index}.phone`)} label={`Contact ${index + 1}: phone`} width="medium" />
            <CheckboxField
              id={form.idFor(`contacts.${index}.parentalResponsibility`)}
              label={`Contact ${index + 1} has parental responsibility`}
              checked={form.values[`contacts.${index}.parentalResponsibility`] === true}
              onChange={(checked) => form.set(`contacts.${index}.parentalResponsibility`, checked)}
            />
          </div>
        ))}
        {contactCount < maxContacts && (
          <Button variant="secondary" onClick={() => setContactCount((value) => value + 1)}>
            Add another contact
          </Button>
        )}
      </Fieldset>
      <ButtonGroup>
        <Button type="submit" busy={form.submitting} busyLabel="Saving…">
          {pupil ? 'Save the corrections' : 'Add the pupil'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ButtonGroup>
    </form>
  );
}
