// Setting up an authenticator app: a QR code of the otpauth:// link and the secret as text for typing, confirmed by
// a code the app then shows; then the ten recovery codes, shown this once. Nothing else opens until it is done.
import { useEffect, useState, type FormEvent } from 'react';
import { authenticatorCodeSchema, type AppStatus, type CommandOutput, type SessionUser } from '../../../../shared/api';
import { invoke } from '../../api';
import { Button, CheckboxField, checkWith, ErrorSummary, PageHeading, TextField, useForm, Warning } from '../../components';
import { z } from 'zod';
import { QrCode } from './QrCode';
import { RecoveryCodesList } from './RecoveryCodesList';

type Enrolment = CommandOutput<'secondFactor.startEnrolment'>;

/** The recovery codes just made; held by the caller, since the hub already counts the account as enrolled. */
export function KeepRecoveryCodesPage({ codes, user, school, onDone }: { codes: string[]; user: SessionUser; school: AppStatus['school']; onDone: () => void }) {
  const form = useForm<{ kept: boolean }>({ kept: false });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.values.kept) {
      void form.submit({ check: () => ({ ok: false as const, errors: { kept: 'Confirm that you have printed or saved your recovery codes' } }), send: () => Promise.reject(), onSuccess: () => undefined });
      return;
    }
    onDone();
  };
  return (
    <section className="page">
      <PageHeading caption="Second factor: last step">Keep your recovery codes</PageHeading>
      <ErrorSummary errors={form.errors} formError={null} order={['kept']} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <p className="lead">
        If your phone is lost or flat, each of these codes signs you in once instead of the app. They are shown <strong>only this once</strong>.
      </p>
      <RecoveryCodesList codes={codes} school={school} username={user.username} />
      <form noValidate onSubmit={submit}>
        <CheckboxField
          id={form.idFor('kept')}
          label="I have printed or saved my recovery codes"
          error={form.errors.kept}
          checked={form.values.kept}
          onChange={(checked) => form.set('kept', checked)}
        />
        <Button type="submit">Continue</Button>
      </form>
    </section>
  );
}

export function EnrolSecondFactorPage({ onEnrolled }: { onEnrolled: (recoveryCodes: string[]) => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ code: '' });

  useEffect(() => {
    let current = true;
    void invoke('secondFactor.startEnrolment', {}).then((result) => {
      if (!current) return;
      if (result.ok) setEnrolment(result.value);
      else setProblem(result.error.message);
    });
    return () => {
      current = false;
    };
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({
      check: (values) => checkWith(z.object({ code: authenticatorCodeSchema }), values),
      send: (input) => invoke('secondFactor.confirmEnrolment', input),
      onSuccess: (value) => onEnrolled(value.recoveryCodes),
    });
  };

  return (
    <section className="page">
      <PageHeading caption="Before you start">Set up your authenticator app</PageHeading>
      <ErrorSummary errors={form.errors} formError={form.formError} order={['code']} idFor={form.idFor} failedSubmits={form.failedSubmits} title="The app is not set up yet" />
      <p className="lead">
        Your account opens safeguarding information, so signing in asks for a code from an app on your phone as well as your password — from any computer.
      </p>
      {problem && <Warning>{problem}</Warning>}
      {enrolment && (
        <>
          <ol className="list steps">
            <li>
              Open an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator, or the one your school uses) and choose to add an
              account.
            </li>
            <li>
              Scan this QR code:
              <QrCode text={enrolment.otpauthUri} label={`QR code to add ${enrolment.accountName} at ${enrolment.issuer} to an authenticator app`} />
            </li>
            <li>
              Or, if you cannot scan it, type this key into the app (it is time-based):
              <p className="secret-key" data-testid="authenticator-secret">
                {enrolment.secret}
              </p>
            </li>
          </ol>
          <form noValidate onSubmit={submit} className="panel">
            <TextField
              {...form.bind('code')}
              label="Code from your authenticator app"
              hint="Enter the 6 digits the app now shows for Safeguarding Records."
              autoComplete="one-time-code"
              inputMode="numeric"
              width="short"
              spellCheck={false}
            />
            <Button type="submit" busy={form.submitting} busyLabel="Checking…">
              Confirm and continue
            </Button>
          </form>
        </>
      )}
      {!enrolment && !problem && <p className="loading">Preparing your QR code…</p>}
    </section>
  );
}
