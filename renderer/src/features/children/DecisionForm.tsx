// Recording a decision and the reasons for it — including a decision not to refer. The consent position must say
// why when consent was not sought or was refused; a decision that shares information says what, with whom and on
// what lawful basis, and goes to the information-sharing log.
import { commands, type DecisionKind } from '../../../../shared/api';
import { consentLabels, consentPositions, decisionKinds, type ConsentPosition, decisionLabels, lawfulBases, lawfulBasisLabels, sharingDecisions } from '../../../../shared/casework';
import { RadioGroup, SelectField, TextField, checkWith, useForm } from '../../components';
import { invoke } from '../../api';
import { CaseForm } from './caseworkForm';
import { consentExtra, type ChildConcern } from './childConcerns';

const order = ['concernId', 'decision', 'reasons', 'consulted', 'consent', 'consentReason', 'sharing.what', 'sharing.withWhom', 'sharing.lawfulBasis'];

export function consentReasonLabel(consent: string): string {
  if (consent === 'refused') return 'Why are you going ahead without consent?';
  if (consent === 'not_sought') return 'Why was consent not sought?';
  return 'Anything to add about consent (optional)';
}

/** What a saved decision hands on to the referral that carries it out, so nothing is typed twice. */
export interface SavedDecision {
  id: string;
  decision: DecisionKind;
  consent: ConsentPosition;
  consentReason: string;
  sharing: { what: string; withWhom: string } | null;
}

export function DecisionForm({ pupilId, childName, concerns, initialConcernId, onCancel, onSaved }: { pupilId: string; childName: string; concerns: ChildConcern[]; initialConcernId?: string; onCancel: () => void; onSaved: (saved: SavedDecision) => void }) {
  const openConcerns = concerns.filter((concern) => !concern.closed);
  const form = useForm({
    concernId: initialConcernId ?? (openConcerns.length === 1 ? openConcerns[0]!.id : ''),
    decision: '',
    reasons: '',
    consulted: '',
    consent: '',
    consentReason: '',
    'sharing.what': '',
    'sharing.withWhom': '',
    'sharing.lawfulBasis': 'safeguarding_children',
  });
  const shares = sharingDecisions.includes(form.values.decision as DecisionKind);

  const submit = () =>
    void form.submit({
      check: (values) =>
        checkWith(commands['decisions.record'].input, {
          pupilId,
          concernId: values.concernId || null,
          decision: values.decision || undefined,
          reasons: values.reasons,
          consulted: values.consulted,
          consent: values.consent || undefined,
          consentReason: values.consentReason,
          sharing: shares ? { what: values['sharing.what'], withWhom: values['sharing.withWhom'], lawfulBasis: values['sharing.lawfulBasis'] } : null,
        }, consentExtra(values.consent, values.consentReason)),
      send: (input) => invoke('decisions.record', input),
      onSuccess: (value) =>
        onSaved({
          id: value.id,
          decision: form.values.decision as DecisionKind,
          consent: form.values.consent as ConsentPosition,
          consentReason: form.values.consentReason,
          sharing: shares ? { what: form.values['sharing.what'], withWhom: form.values['sharing.withWhom'] } : null,
        }),
    });

  return (
    <CaseForm form={form} title="Record a decision" caption={childName} order={order} submitLabel="Save the decision" onSubmit={submit} onCancel={onCancel}>
      <SelectField
        {...form.bind('concernId')}
        label="Which concern is this about?"
        hint="Deciding on a concern that is new or read marks it as open: part of this child’s case."
        placeholder="Not about one concern"
        options={openConcerns.map((concern) => ({ value: concern.id, label: concern.label }))}
      />
      <RadioGroup {...form.bind('decision')} legend="What did you decide?" options={decisionKinds.map((kind) => ({ value: kind, label: decisionLabels[kind] }))} />
      <TextField
        {...form.bind('reasons')}
        label="Your reasons"
        hint="Why this and not something else. A decision not to refer needs its reasons as much as a referral does. This is what a social worker, an inspector or a court will read."
        multiline
      />
      <TextField {...form.bind('consulted')} label="Who did you consult? (optional)" hint="For example the deputy DSL, the MASH consultation line, the school nurse." multiline />
      <RadioGroup {...form.bind('consent')} legend="Consent" hint="Seek consent where that is safe. Do not seek it if that would put the child at risk or lose evidence." options={consentPositions.map((position) => ({ value: position, label: consentLabels[position] }))} />
      <TextField {...form.bind('consentReason')} label={consentReasonLabel(form.values.consent)} multiline />
      {shares && (
        <fieldset className="fieldset fieldset--section">
          <legend className="fieldset__legend">Information shared</legend>
          <p className="fieldset__intro">This decision shares information outside the school, so it goes into the information-sharing log.</p>
          <TextField {...form.bind('sharing.what')} label="What information is shared?" multiline />
          <TextField {...form.bind('sharing.withWhom')} label="Shared with whom?" hint="The agency and, if you know it, the person." />
          <SelectField {...form.bind('sharing.lawfulBasis')} label="Lawful basis" options={lawfulBases.map((basis) => ({ value: basis, label: lawfulBasisLabels[basis] }))} />
        </fieldset>
      )}
    </CaseForm>
  );
}
