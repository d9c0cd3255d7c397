// The one way into the application. Every door (IPC, browser host, CLI, tests) calls dispatch, which:
// finds the command, checks the session and the permission table, validates the input with the command's zod
// schema, runs the handler in a transaction with its audit row, and returns a result value — never throws.
import { commands, commandsBeforeSecondFactor, fail, invalidInput, isCommandName, ok, roleMay, type AppError, type CommandName, type CommandOutput, type Result } from '../../../shared/api';
import { appendAudit } from '../audit';
import type { SafeguardingApp } from '../app/safeguardingApp';
import type { Caller, Session } from '../app/sessionRegistry';
import { LongWorkFailed } from '../longWork';
import { StoreError, writeTransaction, type Store } from '../store';
import { AuditedRefusal, CommandError } from './commandError';
import type { CommandContext, Handler, HandlerTable } from './handler';
import { handlers } from './handlers';

/** Commands a person with a temporary password may use before choosing their own. */
const allowedBeforePasswordChange = new Set<CommandName>([
  'app.status',
  'session.changePassword',
  'session.lock',
  'session.signOut',
  'session.touch',
  'settings.get',
  // A new DSL, head or administrator enrols their authenticator and chooses their password, in either order.
  'session.verifyCode',
  'secondFactor.startEnrolment',
  'secondFactor.confirmEnrolment',
]);

/** What a person hears when a DSL or administrator ended their session from the active sessions page. */
const ENDED_BY_ADMIN = 'You have been signed out: a DSL or administrator ended this session from the active sessions page. Sign in again to carry on.';

/** What anyone who would read records is told while no one who holds the key is signed in (decision 0022). */
export const RECORDS_LOCKED = 'The records are locked until a DSL signs in.';

/** Runs one command for `caller`, whose session (if any) decides who is acting; never throws. */
export type Dispatch = (app: SafeguardingApp, name: unknown, rawInput: unknown, caller: Caller) => Promise<Result<unknown>>;

/** Builds dispatch over a handler table; the application uses the full table, tests may swap one handler. */
export function dispatchWith(table: HandlerTable): Dispatch {
  return async (app, name, rawInput, caller) => {
    if (!isCommandName(name)) {
      return fail({ code: 'not_found', message: 'The app asked for something it does not know how to do. Restart the app; if it happens again, tell your IT lead.' });
    }
    try {
      return await run(table, app, name, rawInput, caller);
    } catch (error) {
      return fail(toAppError(app, name, error));
    } finally {
      app.afterCommand();
    }
  };
}

export const dispatch: Dispatch = dispatchWith(handlers);

/** Whether a caller may act under a command's rules, and if so as whom; a refusal is already in the audit log. */
export type Admission = { ok: true; session: Session; db: Store | null } | { ok: false; error: AppError };

/**
 * The checks every signed-in command passes before its input is read: a session, its second factor, the permission
 * table and a temporary password. Refusals of a signed-in person are audited (as `auditAs`, the command's own name
 * unless given). `whileLocked` admits a session whose screen has locked: for work the person already did, never new.
 */
export function admit(app: SafeguardingApp, name: CommandName, caller: Caller, now: Date, options: { auditAs?: string; whileLocked?: boolean } = {}): Admission {
  const definition = commands[name];
  const { door } = caller;
  const client = caller.address ?? null;
  const session = app.sessionOf(caller);
  if (!session || (session.state !== 'active' && !(options.whileLocked && session.state === 'locked'))) {
    return {
      ok: false,
      error:
        session?.state === 'locked'
          ? { code: 'locked', message: 'The app is locked. Enter your password to carry on.' }
          : { code: 'unauthenticated', message: app.sessions.howEnded(caller) === 'ended_by_admin' ? ENDED_BY_ADMIN : 'Sign in first.' },
    };
  }
  const { user } = session;
  // The store is open while someone who holds its key is signed in; a staff session may be active without it.
  const db = app.store;
  const refuse = (message: string): Admission => {
    // A refused attempt is itself worth recording: it is what a reviewer looks for after an incident.
    const refused = { at: now.toISOString(), userId: user.id, role: user.role, door, client, command: options.auditAs ?? name, recordIds: [], outcome: 'forbidden' as const };
    if (db) writeTransaction(db, () => appendAudit(db, refused));
    else app.auditWhileLocked(refused);
    return { ok: false, error: { code: 'forbidden', message } };
  };

  // A right password alone reaches nothing for an account that needs a second factor: until the code is given (or
  // an authenticator enrolled), only that step's commands run, whatever the page asks for.
  const waitingFor = session.pendingSecondFactor;
  if (waitingFor && !commandsBeforeSecondFactor[waitingFor].includes(name)) {
    return refuse(waitingFor === 'code' ? 'Enter the code from your authenticator app first.' : 'Set up your authenticator app first.');
  }
  if (!roleMay(user.role, definition.permission) || (user.mustChangePassword && !allowedBeforePasswordChange.has(name))) {
    return refuse(user.mustChangePassword && roleMay(user.role, definition.permission) ? 'Choose a new password first.' : 'Your account does not have access to this.');
  }
  return { ok: true, session, db };
}

async function run<N extends CommandName>(table: HandlerTable, app: SafeguardingApp, name: N, rawInput: unknown, caller: Caller): Promise<Result<CommandOutput<N>>> {
  const definition = commands[name];
  const handler = table[name] as Handler<N>;
  const now = app.clock();
  const { door } = caller;
  const client = caller.address ?? null;

  if (definition.permission === 'public' || handler.kind === 'public') {
    if (definition.permission !== 'public') throw new Error(`${name} has a public handler but needs ${definition.permission}`);
    const input = definition.input.safeParse(rawInput ?? {});
    if (!input.success) return fail(invalidInput(input.error));
    const publicRun = handler as Extract<Handler<N>, { kind: 'public' }>;
    return ok(definition.output.parse(await publicRun.run({ app, caller, door, now }, input.data as never)) as CommandOutput<N>);
  }

  const admitted = admit(app, name, caller, now);
  if (!admitted.ok) return fail(admitted.error);
  const { session, db } = admitted;
  const { user } = session;

  if (handler.kind === 'session') {
    const input = definition.input.safeParse(rawInput ?? {});
    if (!input.success) return fail(invalidInput(input.error));
    if (name !== 'session.touch' && definition.audited) app.touch(session);
    return ok(definition.output.parse(await handler.run({ app, caller, door, now, session, db }, input.data as never)) as CommandOutput<N>);
  }
  if (!db) return fail({ code: 'locked', message: RECORDS_LOCKED });

  const input = definition.input.safeParse(rawInput ?? {});
  if (!input.success) return fail(invalidInput(input.error));
  if (name !== 'session.touch' && definition.audited) app.touch(session);

  let audited = false;
  const committed: Array<() => void> = [];
  const context: CommandContext = {
    app,
    caller,
    door,
    now,
    db,
    session,
    recordIds: [],
    transact: (work) =>
      writeTransaction(db, () => {
        const result = work();
        if (definition.audited && !audited) {
          appendAudit(db, { at: now.toISOString(), userId: user.id, role: user.role, door, client, command: name, recordIds: context.recordIds, outcome: 'ok' });
          audited = true;
        }
        return result;
      }),
    afterCommit: (work) => {
      committed.push(work);
    },
  };

  let output: CommandOutput<N>;
  try {
    if (handler.kind === 'transaction') {
      output = context.transact(() => {
        const result = handler.run(context, input.data as never);
        if (result instanceof Promise) throw new Error(`${name} is declared as a transaction but returned a promise`);
        return result;
      });
    } else {
      output = await (handler as Extract<Handler<N>, { kind: 'async' }>).run(context, input.data as never);
      if (!audited && definition.audited) context.transact(() => undefined);
    }
  } catch (error) {
    // A handler's own refusal (an administrator creating a DSL, say) is recorded like the permission table's: the
    // handler's transaction has rolled back, so the row is written on its own.
    if (error instanceof CommandError && error.code === 'forbidden' && !(error instanceof AuditedRefusal)) {
      writeTransaction(db, () => appendAudit(db, { at: now.toISOString(), userId: user.id, role: user.role, door, client, command: name, recordIds: context.recordIds, outcome: 'forbidden' }));
    }
    throw error;
  }
  const value = definition.output.parse(output) as CommandOutput<N>;
  for (const work of committed) work();
  return ok(value);
}

function toAppError(app: SafeguardingApp, name: string, error: unknown): AppError {
  if (error instanceof CommandError) {
    return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...(error.retryAt ? { retryAt: error.retryAt } : {}) };
  }
  if (error instanceof StoreError) {
    return { code: 'unavailable', message: error.message };
  }
  // Long work has logged its thread's details already: its reference is the one to quote.
  const reference = error instanceof LongWorkFailed ? error.reference : app.log.error(`command ${name}`, error);
  return {
    code: 'internal',
    message: `Something went wrong and nothing was saved. Try again; if it happens again, tell your IT lead and quote reference ${reference}.`,
    reference,
  };
}
