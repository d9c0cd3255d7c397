// The active sessions page: who is signed in, on which computer, since when — and ending a session (a lost laptop,
// a shared PC left signed in). The secret session id never leaves the hub; a session is named by its `ref`.
import { z } from 'zod';
import { roles } from '../access/roles';
import { command, done, nothing } from './define';

export const activeSessionSchema = z.object({
  /** Names the session on this page only; it cannot be used to act as the person. */
  ref: z.string(),
  userId: z.string(),
  displayName: z.string(),
  username: z.string(),
  role: z.enum(roles),
  door: z.string(),
  /** The client's network address as the hub saw it, or null (the app on this computer, a test). */
  address: z.string().nullable(),
  /** What the client said it is (a browser or the installed app), or null. */
  computer: z.string().nullable(),
  startedAt: z.string(),
  lastActivity: z.string(),
  /** `waiting_for_code`: the password was right, the second factor not yet given (it ends by itself within minutes). */
  state: z.enum(['active', 'locked', 'waiting_for_code']),
  /** The session of the person looking at the page: they sign out instead of ending it here. */
  yours: z.boolean(),
});
export type ActiveSession = z.infer<typeof activeSessionSchema>;

export const sessionCommands = {
  'sessions.list': command('sessions.manage', nothing, z.array(activeSessionSchema)),
  'sessions.end': command('sessions.manage', z.object({ ref: z.string().uuid('Choose a session from the list') }), done),
};
