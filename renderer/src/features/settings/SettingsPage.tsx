// Settings for the whole school (admin and DSL): how fast an unattended screen locks, who staff should find
// in an emergency (shown on the concern form), the local-authority pack and the school's closure days.
import { useEffect, useState, type FormEvent } from 'react';
import { commands, type AppError, type Settings } from '../../../../shared/api';
import { invoke } from '../../api';
import { useApp } from '../../app/AppContext';
import { AlertMessage, Button, checkWith, ErrorSummary, Fieldset, PageHeading, StatusMessage, TextField, useForm } from '../../components';
import { ClosureDaysSettings } from '../packs/ClosureDaysSettings';
import { PackSettings } from '../packs/PackSettings';
import { CategorySettings } from './CategorySettings';

const order = [
  'idleLockMinutes',
  'dslOnDuty.name',
  'dslOnDuty.extension',
  'dslOnDuty.whereToFind',
  'headteacher.name',
  'headteacher.contact',
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
  };
}

/** Only what this page edits: an update names what changes and leaves the rest (the pack, closure dates) alone. */
function toInput(values: SettingsValues) {
  const minutes = values.idleLockMinutes.trim();
  return {
    // An empty or non-numeric box becomes NaN, which the shared schema turns into "Enter a number of minutes".
    idleLockMinutes: minutes === '' ? Number.NaN : Number(minutes),
    dslOnDuty: { name: values['dslOnDuty.name'], extension: values['dslOnDuty.extension'], whereToFind: values['dslOnDuty.whereToFind'] },
    headteacher: { name: values['headteacher.name'], contact: values['headteacher.contact'] },
  };
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { refresh } = useApp();
  const form = useForm<SettingsValues>(toValues(initial));
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void form.submit({
      check: (values) => checkWith(commands['settings.update'].input, toInput(values)),
      send: (input) => invoke('settings.update', input),
      onSuccess: (settings) => {
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

  useEffect(() => {
    let current = true;
    void invoke('settings.get', {}).then((result) => {
      if (!current) return;
      if (result.ok) setSettings(result.value);
      else setProblem(result.error);
    });
    return () => {
      current = false;
    };
  }, []);

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
          <SettingsForm initial={settings} />
          <section aria-labelledby="settings-pack-heading">
            <h2 className="section-title" id="settings-pack-heading">
              The school’s local-authority pack
            </h2>
            <PackSettings />
          </section>
          <ClosureDaysSettings initial={settings.closureDates} />
          <CategorySettings />
        </>
      ) : (
        !problem && <p className="loading">Loading settings…</p>
      )}
    </section>
  );
}
