// The school most browser tests start from, made through the host's own app and dispatch (the door the page uses):
// Oakfield Primary with its DSL, the Worcestershire pack, the recovery key confirmed, and Amy on roll.
import { dispatch, type Caller, type SafeguardingApp } from '../../../electron/core';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/api';
import { dsl, school } from './flows';
import { personAt } from '../../fixtures/doors/callers';
import { passSecondFactor } from '../../fixtures/doors/authenticator';
import { needsSecondFactor } from '../../../shared/api';
import { knowAuthenticatorFromStore } from './authenticator';

/** A command through the core as the test's one person (`personAt`), or as another caller at another computer. */
export async function call<N extends CommandName>(app: SafeguardingApp, name: N, input: CommandInput<N>, caller: Caller = personAt(app)): Promise<CommandOutput<N>> {
  const result = await dispatch(app, name, input, caller);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`);
  // Seeding through the core: the person's phone answers the second-factor step after a sign-in (decision 0021).
  if (name === 'session.signIn' || name === 'setup.create') {
    await passSecondFactor(app, caller);
    // The browser's phone learns the secret enrolled through the core, so the same person can sign in on the page.
    const user = app.sessionOf(caller)?.user;
    if (user && needsSecondFactor(user.role)) knowAuthenticatorFromStore(app, user.username);
  }
  return result.value as CommandOutput<N>;
}

/**
 * The concern's id in the records. A concern submitted while no reader had the records open is sealed and queued
 * (decision 0022) and its reply carries the envelope's id; once a reader's sign-in has ingested it, this finds the id
 * the records gave it.
 */
export function filedConcernId(app: SafeguardingApp, reply: CommandOutput<'concerns.submit'>): string {
  if (reply.delivery === 'stored') return reply.id;
  const filed = app.store?.prepare('SELECT concern_id FROM intake_ingested WHERE envelope_id = ?').pluck().get(reply.id) as string | undefined;
  if (!filed) throw new Error(`Concern ${reply.id} is still sealed: sign a DSL in so the records ingest it first.`);
  return filed;
}

/** Sets up the school as its DSL (who stays signed in) and puts Amy on roll; returns Amy. */
export async function seedSchoolWithAmy(app: SafeguardingApp): Promise<CommandOutput<'pupils.create'>> {
  await call(app, 'setup.create', { school: { name: school.name, urn: school.urn, localAuthority: 'worcestershire' }, dsl: { username: dsl.username, displayName: dsl.displayName, password: dsl.password } });
  await call(app, 'setup.confirmRecoveryKey', { confirmed: true });
  await call(app, 'packs.choose', { packId: 'worcestershire-2019' });
  return call(app, 'pupils.create', {
    upn: 'A123456789012',
    legalFirstName: 'Amelia',
    legalLastName: 'Hughes',
    preferredName: 'Amy',
    dateOfBirth: '2016-03-04',
    yearGroup: '5',
    registrationGroup: '5H',
    contacts: [{ name: 'Karen Hughes', relationship: 'Mother', phone: '07700 900123', parentalResponsibility: true }],
  });
}
