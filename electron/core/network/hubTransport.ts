// Connect mode's transport: the installed app on a staff computer sends each command to the hub through the pinned
// client and hands back the hub's result value, so the page cannot tell it from a local dispatch. The session cookie
// stays in this process (the Electron main), never in the page.
import type { AppError, Result } from '../../../shared/api';
import { HubIdentityError, NOT_YOUR_HUB_MESSAGE, type PinnedClient } from './pinnedClient';

export type RemoteInvoke = (command: unknown, input: unknown) => Promise<Result<unknown>>;

const NOT_ANSWERING: AppError = {
  code: 'unavailable',
  message: 'The school’s records computer is not answering. Your words are kept on this screen: try again in a minute, and if it goes on, tell your IT lead.',
};

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const candidate = value as { ok: unknown; error?: unknown };
  return candidate.ok === true ? 'value' in candidate : candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null;
}

/**
 * What became of one command sent to the hub: its own result (a refusal included), no answer at all (switched off,
 * unplugged, or something that is not the hub's door answering in its place), or a machine that is not the pinned hub.
 */
export type HubReply = { kind: 'answered'; result: Result<unknown> } | { kind: 'not_answering'; error: AppError } | { kind: 'not_your_hub'; error: AppError };

export async function sendToHub(client: PinnedClient, command: unknown, input: unknown): Promise<HubReply> {
  try {
    const response = await client.request('POST', '/api/invoke', { command, input });
    // The hub answers its own refusals (too many tries, a bad request) in the same result shape.
    return isResult(response.json) ? { kind: 'answered', result: response.json } : { kind: 'not_answering', error: NOT_ANSWERING };
  } catch (error) {
    // Never fall back to anything else: a hub that cannot prove itself gets no password and no concern.
    if (error instanceof HubIdentityError) return { kind: 'not_your_hub', error: { code: 'forbidden', message: NOT_YOUR_HUB_MESSAGE } };
    return { kind: 'not_answering', error: NOT_ANSWERING };
  }
}

export function hubTransport(client: PinnedClient): RemoteInvoke {
  return async (command, input) => {
    const reply = await sendToHub(client, command, input);
    return reply.kind === 'answered' ? reply.result : { ok: false, error: reply.error };
  };
}
