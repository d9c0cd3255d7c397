// Recording a referral: the agency, the contact (from the school's pack, or typed), how and when, the reference,
// what was shared and the consent position. Its clocks start from the date and time given here.
import { commands, type Agency } from '../../../../shared/api';
import { agencies, agencyForDecision, agencyLabels, consentLabels, consentPositions, referralMethodLabels, referralMethods } from '../../../../shared/casework';
import type { ResolvedPack } from '../../../../shared/thresholds';
import { invoke } from '../../api';
import { RadioGroup, SelectField, TextField, useForm } from '../../components';
import { CaseForm, checkDated, DateField, nowTime, TimeField, todayUk } from './caseworkForm';
import { consentExtra } from './childConcerns';
import { consentReasonLabel, type SavedDecision } from './DecisionForm';

const order = ['agency', 'contactId', 'contact.name', 'contact.phone', 'contact.email', 'method', 'referredOn', 'referredAtTime', 'reference', 'whatShared', 'consent', 'consentReason'];

const agencyForRole: Record<string, Agency> = { mash_front_door: 'mash', out_of_hours: 'mash', lado: 'lado', police: 'police', early_help_coordinator: 'early_help' };

export function ReferralForm({
  pupilId,
  childName,
  pack,
  decisionId,
  decision,
  initialAgency,
  onCancel,
  onSaved,
}: {
  pupilId: string;
  childName: string;
  pack: ResolvedPack | null;
  decisionId: string | null;
  /** The decision this referral carries out, whose agency, consent and sharing start the form (all editable). */
  decision?: SavedDecision;
  initialAgency?: Agency;
  onCancel: () => void;
  onSaved: (value: { acknowledgementDue: string }) => void;
}) {
  const form = useForm({
    agency: initialAgency ?? (decision ? (agencyForDecision[decision.decision] ?? '') : ''),
    contactId: '',
    'contact.name': decision?.sharing?.withWhom ?? '',
    'contact.phone': '',
    'contact.email': '',
    method: '',
    referredOn: todayUk(),
    referredAtTime: nowTime(),
    reference: '',
    whatShared: decision?.sharing?.what ?? '',
    consent: decision?.consent ?? '',
    consentReason: decision?.consentReason ?? '',
  });
  const contacts = pack?.contacts ?? [];

  const chooseContact = (contactId: string) => {
    form.set('contactId', contactId);
    const contact = contacts.find((candidate) => candidate.id === contactId);
    if (!contact) return;
    form.set('contact.name', contact.name);
    form.set('contact.phone', contact.phone ?? '');
    form.set('contact.email', contact.email ?? '');
    const agency = agencyForRole[contact.role];
    if (agency && form.values.agency === '') form.set('agency', agency);
  };

  const submit = () =>
    void form.submit({
      check: (values) => {
        const checked = checkDated(
          commands['referrals.create'].input,
          {
            pupilId,
            decisionId,
            agency: values.agency || undefined,
            contact: { packId: values.contactId ? (pack?.id ?? null) : null, contactId: values.contactId || null, name: values['contact.name'], phone: values['contact.phone'], email: values['contact.email'] },
            method: values.method || undefined,
            referredOn: values.referredOn,
            referredAtTime: values.referredAtTime,
            reference: values.reference,
            whatShared: values.whatShared,
            consent: values.consent || undefined,
            consentReason: values.consentReason,
          },
          ['referredOn'],
        );
        const extra = consentExtra(values.consent, values.consentReason);
        return Object.keys(extra).length > 0 ? { ok: false as const, errors: { ...(checked.ok ? {} : checked.errors), ...extra } } : checked;
      },
      send: (input) => invoke('referrals.create', input),
      onSuccess: onSaved,
    });

  return (
    <CaseForm
      form={form}
      title="Record a referral"
      caption={childName}
      order={order}
      submitLabel="Save the referral"
      onSubmit={submit}
      onCancel={onCancel}
      intro={<p className="lead">The local authority should acknowledge a referral and decide next steps within 1 working day; an assessment should conclude within 45 working days. The clocks start from the date and time you give.</p>}
    >
      <SelectField {...form.bind('agency')} label="Agency" placeholder="Choose the agency" options={agencies.map((agency) => ({ value: agency, label: agencyLabels[agency] }))} />
      <SelectField
        {...form.bind('contactId')}
        onChange={chooseContact}
        label="Contact"
        hint={pack ? `From the school’s pack: ${pack.title}. Check the details are still right.` : 'The school has not chosen a local-authority pack, so type the contact’s details.'}
        placeholder="Someone else — type their details"
        options={contacts.map((contact) => ({ value: contact.id, label: contact.phone ? `${contact.name} (${contact.phone})` : contact.name }))}
      />
      <TextField {...form.bind('contact.name')} label="Team or person referred to" />
      <TextField {...form.bind('contact.phone')} label="Phone (optional)" width="medium" />
      <TextField {...form.bind('contact.email')} label="Email (optional)" width="medium" spellCheck={false} />
      <RadioGroup {...form.bind('method')} legend="How did you refer?" options={referralMethods.map((method) => ({ value: method, label: referralMethodLabels[method] }))} />
      <DateField {...form.bind('referredOn')} label="Date of the referral" />
      <TimeField {...form.bind('referredAtTime')} label="Time of the referral" />
      <TextField {...form.bind('reference')} label="Reference number (optional)" hint="If the agency gave one. You can add it when they acknowledge the referral." width="medium" />
      <TextField {...form.bind('whatShared')} label="What information did you share?" multiline />
      <RadioGroup {...form.bind('consent')} legend="Consent" hint="A referral about significant harm goes ahead without consent; record why." options={consentPositions.map((position) => ({ value: position, label: consentLabels[position] }))} />
      <TextField {...form.bind('consentReason')} label={consentReasonLabel(form.values.consent)} multiline />
    </CaseForm>
  );
}
