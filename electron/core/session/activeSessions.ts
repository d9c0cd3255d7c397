// The active sessions page's commands. The list names each session by its `ref` and never its secret id; ending one
// is audited by dispatch with the person's id and the session's ref, and takes effect on that person's next call.
import type { ActiveSession } from '../../../shared/api';
import { isWaitingForCode, type Session } from '../app/sessionRegistry';
import { CommandError } from '../dispatch/commandError';
import { inTransaction } from '../dispatch/handler';

function describe(session: Session, mine: Session): ActiveSession {
  return {
    ref: session.ref,
    userId: session.user.id,
    displayName: session.user.displayName,
    username: session.user.username,
    role: session.user.role,
    door: session.door,
    address: session.address,
    computer: session.computer,
    startedAt: session.startedAt.toISOString(),
    lastActivity: session.lastActivity.toISOString(),
    // A password without its code is shown for what it is: a DSL looking for a stolen password in use sees it.
    state: session.state === 'active' && isWaitingForCode(session) ? 'waiting_for_code' : session.state,
    yours: session === mine,
  };
}

export const activeSessionHandlers = {
  'sessions.list': inTransaction<'sessions.list'>(({ app, session }) =>
    app.sessions
      .all()
      .map((each) => describe(each, session))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB') || a.startedAt.localeCompare(b.startedAt)),
  ),

  'sessions.end': inTransaction<'sessions.end'>(({ app, session, recordIds }, input) => {
    recordIds.push(`session:${input.ref}`);
    // Ending one's own session here would strand the page mid-command; signing out says goodbye properly.
    if (input.ref === session.ref) throw new CommandError('conflict', 'This is your own session. Use “Sign out” instead.');
    const target = app.sessions.all().find((each) => each.ref === input.ref);
    if (!target) throw new CommandError('not_found', 'That session has already ended (signed out, locked out by its lifetime, or ended by someone else).');
    recordIds.unshift(target.user.id);
    app.endSessionsWhere((each) => each.ref === input.ref, 'ended_by_admin');
    return { done: true };
  }),
};
