// Settings for the whole school (admin and DSL): how fast an unattended screen locks, who staff should find
// in an emergency (shown on the concern form), how long a transferred file's copy is kept, the local-authority pack,
// the school's closure days and term dates; whether the hub opens the records at start; and a check of the records
// with the audit log's fingerprint.
import type { SettingsVersion } from './settingsVersion';
import { useEffect, useState, type FormEvent } from 'react';
import { commands, settingsSchema, type AppError, type Settings, type TransferRetentionRule } from '../../../../shared/api';
import { invoke } from '../../api';
import { useApp } from '../../app/AppContext';
import { AlertMessage, Button, checkWith, ErrorSummary, Fieldset, PageHeading, RadioGroup, StatusMessage, TextField, useForm } from '../../components';
import { ClosureDaysSettings } from '../packs/ClosureDaysSettings';
import { PackSettings } from '../packs/PackSettings';
import { CategorySettings } from './CategorySettings';
import { RecordsCheck } from './RecordsCheck';
import { TermDatesSettings } from './TermDatesSettings';
import { UnlockAtStartSettings } from './UnlockAtStartSettings';

const order = [
  'idleLockMinutes',
  'dslOnDuty.name',
  'dslOnDuty.extension',
  'dslOnDuty.whereToFind',
  'headteacher.name',
  'headteacher.contact',
  'transferRetention.rule',
  'transferRetention.years',
] as const;

type SettingsValues = Record<(typeof order)[number], string>;

function toValues(settings: Settings): SettingsValues {
  return {
    idleLockMinutes: String(settings.idleLockMinutes),
    'dslOnDuty.name': settings.dslOnDuty.name,
    'dslOnDuty.extension': settings.dslOnDuty.extension,
    'dslOnDuty.whereToFind': settings.dslOnDuty.whereToFind,
    'headteacher.name': settings.headteacher.name,
    'headteacher.contact': settings.headteacher.contact,
    'transferRetention.rule': settings.transferRetention.rule,
    'transferRetention.years': String(settings.transferRetention.years),
  };
}

/** Only what this page edits: an update names what changes and leaves the rest (the pack, closure dates) alone. */
function toInput(values: SettingsValues, saved: Settings) {
  return {
    idleLockMinutes: wholeNumber(values.idleLockMinutes),
    dslOnDuty: { name: values['dslOnDuty.name'], extension: values['dslOnDuty.extension'], whereToFind: values['dslOnDuty.whereToFind'] },
    headteacher: { name: values['headteacher.name'], contact: values['headteacher.contact'] },
    transferRetention: {
      rule: values['transferRetention.rule'] as TransferRetentionRule,
      // The years box only shows for that rule; otherwise whatever it held is kept if valid, or the saved number.
      years: values['transferRetention.rule'] === 'years_after_transfer' ? wholeNumber(values['transferRetention.years']) : keptYears(values['transferRetention.years'], saved.transferRetention.years),
    },
  };
}

/** An empty or non-numeric box becomes NaN, which the shared schema turns into a message beside the field. */
function wholeNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

/** The hidden years box's number when the shared rule accepts it, else the one already saved. */
function keptYears(text: string, saved: number): number {
  const years = wholeNumber(text);
  return settingsSchema.shape.transferRetention.shape.years.safeParse(years).success ? years : saved;
}

function SettingsForm({ initial, version }: { initial: Settings; version: SettingsVersion }) {
  const { refresh } = useApp();
  const form = useForm<SettingsValues>(toValues(initial));
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void form.submit({
      check: (values) => checkWith(commands['settings.update'].input, { ...toInput(values, initial), version: version.current }),
      send: (input) => invoke('settings.update', input),
      onSuccess: (settings) => {
        version.current = settings.version;
        form.reset(toValues(settings));
        setSaved(true);
        void refresh();
      },
    });
  };

  return (
    <>
      {saved && <StatusMessage title="Settings saved">The new settings apply straight away.</StatusMessage>}
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <form noValidate onSubmit={submit}>
        <Fieldset legend="Locking">
          <TextField
            {...form.bind('idleLockMinutes')}
            label="Lock the screen after this many minutes without use"
            hint="Between 1 and 60. Five minutes suits most schools: long enough to type a concern, short enough that a screen left on in a classroom locks quickly."
            inputMode="numeric"
            width="short"
          />
        </Fieldset>
        <Fieldset legend="If a child is in immediate danger">
          <p className="fieldset__intro">Staff see this on the concern form, next to the advice to call 999. Leave blank until you know.</p>
          <TextField {...form.bind('dslOnDuty.name')} label="DSL to find in person" hint="For example: Ms Patel, or the duty DSL on the rota." />
          <TextField {...form.bind('dslOnDuty.extension')} label="Phone extension" width="short" />
          <TextField {...form.bind('dslOnDuty.whereToFind')} label="Where to find them" hint="For example: the office next to reception." />
        </Fieldset>
        <Fieldset legend="Concerns about an adult">
          <p className="fieldset__intro">Concerns about a member of staff, a volunteer or a visitor go to the headteacher, not to the DSL.</p>
          <TextField {...form.bind('headteacher.name')} label="Headteacher’s name" />
          <TextField {...form.bind('headteacher.contact')} label="How to contact them" />
        </Fieldset>
        <Fieldset legend="Files sent to another school">
          <RadioGroup
            {...form.bind('transferRetention.rule')}
            legend="After sending a child protection file to a child’s new school, keep this school’s copy"
            hint="Follow your school’s records policy or your local authority’s advice. The app never deletes a file: when a copy reaches its date, the transfer register marks it for review."
            options={[
              { value: 'until_age_25', label: 'Until the child’s 25th birthday', hint: 'The period the IRMS toolkit for schools gives for child protection records.' },
              { value: 'years_after_transfer', label: 'For a number of years after sending' },
            ]}
          />
          {form.values['transferRetention.rule'] === 'years_after_transfer' && (
            <TextField {...form.bind('transferRetention.years')} label="Years to keep the copy after sending" hint="Between 1 and 50." inputMode="numeric" width="short" />
          )}
        </Fieldset>
        <Button type="submit" busy={form.submitting} busyLabel="Saving…">
          Save settings
        </Button>
      </form>
    </>
  );
}

export function SettingsPage() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  // The three forms below save parts of one record: each sends the version last read or saved by any of them.
  const [version] = useState<SettingsVersion>(() => ({ current: 0 }));

  useEffect(() => {
    let current = true;
    void invoke('settings.get', {}).then((result) => {
      if (!current) return;
      if (result.ok) {
        version.current = result.value.version;
        setSettings(result.value);
      } else setProblem(result.error);
    });
    return () => {
      current = false;
    };
  }, [version]);

  return (
    <section className="page">
      <PageHeading>Settings</PageHeading>
      {problem && !settings && (
        <AlertMessage title="The settings could not be loaded">
          <p>{problem.message}</p>
        </AlertMessage>
      )}
      {settings ? (
        <>
          <SettingsForm initial={settings} version={version} />
          <section aria-labelledby="settings-pack-heading">
            <h2 className="section-title" id="settings-pack-heading">
              The school’s local-authority pack
            </h2>
            <PackSettings />
          </section>
          <ClosureDaysSettings initial={settings.closureDates} version={version} />
          <TermDatesSettings initial={settings.termDates} version={version} />
          <CategorySettings />
          <UnlockAtStartSettings />
          <RecordsCheck />
        </>
      ) : (
        !problem && <p className="loading">Loading settings…</p>
      )}
    </section>
  );
}
