// The recovery key, shown once straight after setup, in groups of four for copying by hand, with a print
// version that holds only the key and the school. Setup is finished only when the DSL confirms it is kept safe.
import { Fragment, type FormEvent } from 'react';
import type { AppStatus } from '../../../../shared/api';
import { formatDate } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { Button, ButtonGroup, CheckboxField, ErrorSummary, PageHeading, useForm, Warning } from '../../components';

const confirmMessage = 'Confirm that you have printed the recovery key or stored it somewhere safe';

/** `ABCDEFGH…` → `['ABCD', 'EFGH', …]`. */
export function recoveryKeyGroups(key: string): string[] {
  return key.replace(/[\s-]/g, '').match(/.{1,4}/g) ?? [];
}

function KeyGroups({ recoveryKey }: { recoveryKey: string }) {
  const groups = recoveryKeyGroups(recoveryKey);
  return (
    <p className="recovery-key" data-testid="recovery-key">
      <span className="visually-hidden">Recovery key, {groups.length} groups of four: </span>
      {groups.map((group, index) => (
        <Fragment key={index}>
          {index > 0 ? ' ' : null}
          <span className="recovery-key__group">{group}</span>
        </Fragment>
      ))}
    </p>
  );
}

interface ConfirmRecoveryKeyPageProps {
  /** Null after a reload: the key is never stored, so it cannot be shown again. */
  recoveryKey: string | null;
  school: AppStatus['school'];
  onConfirmed: () => void;
}

export function ConfirmRecoveryKeyPage({ recoveryKey, school, onConfirmed }: ConfirmRecoveryKeyPageProps) {
  const form = useForm<{ confirmed: boolean }>({ confirmed: false });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({
      check: (values) => (values.confirmed ? { ok: true as const, input: { confirmed: true as const } } : { ok: false as const, errors: { confirmed: confirmMessage } }),
      send: (input) => invoke('setup.confirmRecoveryKey', input),
      onSuccess: onConfirmed,
    });
  };

  return (
    <section className="page">
      <PageHeading caption="Setting up: last step">{recoveryKey ? 'Print your recovery key' : 'Confirm your recovery key is safe'}</PageHeading>
      <ErrorSummary errors={form.errors} formError={form.formError} order={['confirmed']} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      {recoveryKey ? (
        <>
          <p className="lead">
            This key can open the school’s records if passwords are forgotten. It is shown <strong>only this once</strong>.
          </p>
          <div className="print-area">
            <p className="print-area__title">
              Safeguarding Records recovery key{school ? ` for ${school.name} (URN ${school.urn})` : ''}
            </p>
            <KeyGroups recoveryKey={recoveryKey} />
            <p className="print-area__note">Printed on {formatDate(new Date())}. Keep this with the school’s other sensitive papers, for example in the headteacher’s safe.</p>
          </div>
          <ButtonGroup>
            <Button variant="secondary" onClick={() => window.print()}>
              Print the recovery key
            </Button>
          </ButtonGroup>
        </>
      ) : (
        <p className="lead">
          The recovery key was shown when the school was set up. If it was printed or written down, confirm below. If it was not kept, tell your IT lead now, while
          passwords still work.
        </p>
      )}
      <Warning>
        Without the recovery key, if the last DSL forgets their password, nobody can open the records again — not the school, not IT, not us. They are gone.
      </Warning>
      <h2 className="section-title">Where to keep it</h2>
      <ul className="list">
        <li>Print it, or copy it onto paper, and lock it away somewhere only senior leaders can reach.</li>
        <li>Do not save it in an email, a shared drive or a photo on a phone.</li>
        <li>A password reset for any account can use this key instead of another DSL’s password.</li>
      </ul>
      <form noValidate onSubmit={submit}>
        <CheckboxField
          id={form.idFor('confirmed')}
          label="I have printed the recovery key or stored it somewhere safe"
          error={form.errors.confirmed}
          checked={form.values.confirmed}
          onChange={(checked) => form.set('confirmed', checked)}
        />
        <Button type="submit" busy={form.submitting}>
          Finish setting up
        </Button>
      </form>
    </section>
  );
}
