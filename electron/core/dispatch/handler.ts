import type { CommandName, CommandOutput, ParsedInput } from '../../../shared/api';
import type { SafeguardingApp } from '../app/safeguardingApp';
import type { Caller, Session } from '../app/sessionRegistry';
import type { Store } from '../store';

/** Which way a call came in; recorded in the audit row. */
export type Door = 'ipc' | 'http' | 'https' | 'cli' | 'test' | 'bench';

export interface PublicContext {
  app: SafeguardingApp;
  /** Who is calling and through which door; sign-in and sign-out change the session it holds. */
  caller: Caller;
  door: Door;
  now: Date;
}

export interface CommandContext extends PublicContext {
  db: Store;
  session: Session;
  /** Ids of the records this call touched or read; they go into the audit row. */
  recordIds: string[];
  /** Runs `work` in one transaction together with this call's audit row: both land or neither does. */
  transact<T>(work: () => T): T;
  /** Runs `work` once the command has succeeded and its writes are committed (an alert must never announce a rollback). */
  afterCommit(work: () => void): void;
}

/**
 * For the few commands a member of staff uses while the records are locked (decision 0022): the session is checked as
 * for any command, the store may be closed (`db` null), and the handler writes its own audit rows where it can.
 */
export interface SessionContext extends PublicContext {
  session: Session;
  db: Store | null;
}

type Sync<N extends CommandName> = (ctx: CommandContext, input: ParsedInput<N>) => CommandOutput<N>;
type Async<N extends CommandName> = (ctx: CommandContext, input: ParsedInput<N>) => Promise<CommandOutput<N>>;
type WithSession<N extends CommandName> = (ctx: SessionContext, input: ParsedInput<N>) => CommandOutput<N> | Promise<CommandOutput<N>>;
type Public<N extends CommandName> = (ctx: PublicContext, input: ParsedInput<N>) => CommandOutput<N> | Promise<CommandOutput<N>>;

export type Handler<N extends CommandName> =
  | { kind: 'transaction'; run: Sync<N> }
  | { kind: 'async'; run: Async<N> }
  | { kind: 'public'; run: Public<N> }
  | { kind: 'session'; run: WithSession<N> };

/** The usual handler: synchronous, run whole inside one transaction with its audit row. */
export const inTransaction = <N extends CommandName>(run: Sync<N>): Handler<N> => ({ kind: 'transaction', run });
/** A handler that must await (key derivation) before it writes; it calls ctx.transact for its writes. */
export const awaiting = <N extends CommandName>(run: Async<N>): Handler<N> => ({ kind: 'async', run });
/** For `public` commands that work without an open store (setup, sign-in); they audit for themselves. */
export const publicHandler = <N extends CommandName>(run: Public<N>): Handler<N> => ({ kind: 'public', run });

export type HandlerTable = { [N in CommandName]: Handler<N> };
/** For commands that must work whether or not the store is open (submitting a concern); they audit for themselves. */
export const withSession = <N extends CommandName>(run: WithSession<N>): Handler<N> => ({ kind: 'session', run });
