// The one typed way the page talks to the application: `invoke('accounts.list', {})`.
import type { AppError, CommandInput, CommandName, CommandOutput, Result } from '../../../shared/api';
import { chooseTransport, type Transport } from './transports';

let transport: Transport | null = null;
const sessionListeners = new Set<(error: AppError) => void>();

/** Sends a command through whichever door this page has; never throws, always answers with a result. */
export async function invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandOutput<N>>> {
  transport ??= chooseTransport();
  const result = (await transport(name, input)) as Result<CommandOutput<N>>;
  if (!result.ok && (result.error.code === 'locked' || result.error.code === 'unauthenticated')) {
    for (const listener of sessionListeners) listener(result.error);
  }
  return result;
}

/** Called when any command finds the session locked or ended, so the shell can show the lock or sign-in screen at once. */
export function onSessionInterrupted(listener: (error: AppError) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Reads the host token from the address bar now, before anything else can see or copy it. */
export function prepareTransport(): void {
  transport ??= chooseTransport();
}
