// Connecting this computer to the school's hub (connect mode, before it is enrolled): the hub's address, then the
// hub's certificate fingerprint to compare with the one on the hub's own screen, then the enrolment code the hub
// shows. This computer checks the code against the certificate and the hub's keys; the page only asks and tells.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { commands, type CommandOutput } from '../../../../shared/api';
import { invoke } from '../../api';
import { Button, checkWith, ErrorSummary, LinkButton, PageHeading, TextField, useForm } from '../../components';

type FoundHub = CommandOutput<'connect.lookUpHub'>;

/** `suggestedHubUrl`: the address the app was started with (`--connect https://HOST:PORT`), there to check, not trusted. */
export function ConnectPage({ suggestedHubUrl, onConnected }: { suggestedHubUrl?: string | undefined; onConnected: () => void }) {
  const form = useForm({ hubUrl: suggestedHubUrl ?? '', code: '' });
  const [found, setFound] = useState<FoundHub | null>(null);
  const fingerprintHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // The next step is below the first: move there, so a screen reader announces what to compare.
    if (found) fingerprintHeading.current?.focus();
  }, [found]);

  const lookUp = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({
      check: (values) => checkWith(commands['connect.lookUpHub'].input, { hubUrl: values.hubUrl }),
      send: (input) => invoke('connect.lookUpHub', input),
      onSuccess: (hub) => setFound(hub),
    });
  };

  const connect = (event: FormEvent) => {
    event.preventDefault();
    if (!found) return;
    void form.submit({
      check: (values) => checkWith(commands['connect.enrol'].input, { hubUrl: found.hubUrl, code: values.code }),
      send: (input) => invoke('connect.enrol', input),
      onSuccess: onConnected,
    });
  };

  const startAgain = () => {
    setFound(null);
    form.reset({ hubUrl: form.values.hubUrl, code: '' });
  };

  return (
    <main id="main" className="main narrow-page sign-in" tabIndex={-1}>
      <PageHeading caption="Safeguarding Records">Connect to your school’s hub</PageHeading>
      <ErrorSummary
        errors={form.errors}
        formError={form.formError}
        order={found ? ['code', 'hubUrl'] : ['hubUrl']}
        idFor={form.idFor}
        failedSubmits={form.failedSubmits}
        title="This computer is not connected yet"
      />
      <p>
        The school’s records are kept on one computer, the hub. This computer connects to it once; after that it trusts that hub and no other. You need the hub’s address and the
        enrolment code the hub shows on its screen — ask your IT lead if you do not have them.
      </p>
      {!found ? (
        <form noValidate onSubmit={lookUp} className="panel">
          <TextField {...form.bind('hubUrl')} label="The hub’s address" hint="As the hub shows it, for example https://records-hub:8443" autoComplete="url" width="medium" spellCheck={false} />
          <Button type="submit" busy={form.submitting} busyLabel="Looking for the hub…">
            Find the hub
          </Button>
        </form>
      ) : (
        <section aria-labelledby="hub-fingerprint-heading">
          <h2 id="hub-fingerprint-heading" ref={fingerprintHeading} tabIndex={-1}>
            Check the hub’s fingerprint
          </h2>
          <p>The computer at {found.hubUrl} shows this certificate fingerprint:</p>
          <p className="secret-key" data-testid="hub-fingerprint">
            {found.fingerprint}
          </p>
          <p>
            It must be the same as the fingerprint on the hub’s screen. If it is not, stop here: this may not be your school’s hub. Do not connect, and tell your IT lead.
          </p>
          <form noValidate onSubmit={connect} className="panel">
            <TextField
              {...form.bind('code')}
              label="Enrolment code"
              hint="12 letters and digits, shown on the hub’s screen, for example 7K3M-Q9XD-2HJR"
              autoComplete="off"
              width="medium"
              spellCheck={false}
            />
            <Button type="submit" busy={form.submitting} busyLabel="Connecting…">
              Connect
            </Button>
          </form>
          <p>
            <LinkButton onClick={startAgain}>Use a different address</LinkButton>
          </p>
        </section>
      )}
    </main>
  );
}
