// Drafts save themselves: about two seconds after typing stops, and whenever a field loses focus. Saves run one
// after another (the first creates the draft, the rest update it), and a save that fails — the screen locked, the
// app closed — is tried again, so what was typed survives a lock or a crash.
import { useCallback, useEffect, useRef, useState } from 'react';
import { invoke } from '../../api';
import { hasContent, serialiseDraft, type ConcernFormState } from './concernForm';

const SAVE_DELAY_MS = 2_000;
const RETRY_MS = 10_000;
const NOT_SAVED_WHILE_RECORDS_LOCKED = 'Not saved as a draft: drafts are kept in the records, which are locked until a DSL signs in. Submit the concern before you close this page.';

export type DraftSaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };

export interface DraftAutosave {
  state: DraftSaveState;
  /** Saves now if anything is unsaved (on blur, before submitting); resolves with the draft's id. */
  flush: () => Promise<string | null>;
  /** Switches to an existing draft (when resuming one) or to none (after submitting or discarding). */
  switchDraft: (draftId: string | null) => void;
  /** Stops saving for good (the concern has been submitted). */
  stop: () => void;
  draftId: () => string | null;
}

/**
 * `version` goes up by one on every change the person makes; each change schedules a save. `recordsLocked`: drafts are
 * kept in the records, so while no DSL has opened them a save cannot land, and the person is told so plainly.
 */
export function useDraftAutosave(form: ConcernFormState, changes: number, recordsLocked = false): DraftAutosave {
  const [state, setState] = useState<DraftSaveState>({ kind: 'idle' });
  const [retryTick, setRetryTick] = useState(0);
  const latest = useRef<ConcernFormState | null>(null);
  const version = useRef(0);
  const savedVersion = useRef(0);
  const draftId = useRef<string | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const stopped = useRef(false);
  const locked = useRef(recordsLocked);
  useEffect(() => {
    locked.current = recordsLocked;
  }, [recordsLocked]);

  const flush = useCallback((): Promise<string | null> => {
    const next = chain.current.then(async () => {
      const form = latest.current;
      const wanted = version.current;
      if (stopped.current || !form || wanted === savedVersion.current) return draftId.current;
      if (!draftId.current && !hasContent(form)) {
        savedVersion.current = wanted;
        return null;
      }
      if (locked.current) {
        // It cannot land, so it is not tried: a save that fails on every blur would only flicker the message under the
        // buttons (moving them under the pointer) and ask the hub for its status each time.
        setState({ kind: 'failed', message: NOT_SAVED_WHILE_RECORDS_LOCKED });
        return draftId.current;
      }
      setState({ kind: 'saving' });
      const result = await invoke('drafts.save', { draftId: draftId.current, form: serialiseDraft(form) });
      if (stopped.current) return draftId.current;
      if (result.ok) {
        draftId.current = result.value.id;
        savedVersion.current = Math.max(savedVersion.current, wanted);
        setState({ kind: 'saved', at: result.value.updatedAt });
        return draftId.current;
      }
      if (result.error.code === 'not_found') {
        // Discarded elsewhere: the next save starts a new draft with everything still on the screen.
        draftId.current = null;
      }
      const waiting = result.error.code === 'locked' || result.error.code === 'unauthenticated';
      setState({ kind: 'failed', message: waiting ? 'Not saved while the screen is locked; it will save when you unlock.' : `Draft not saved: ${result.error.message}` });
      window.setTimeout(() => setRetryTick((tick) => tick + 1), RETRY_MS);
      return draftId.current;
    });
    chain.current = next.catch(() => undefined);
    return next;
  }, []);

  useEffect(() => {
    latest.current = form;
    version.current = changes;
  }, [form, changes]);

  useEffect(() => {
    if (changes === 0 && retryTick === 0) return;
    const timer = window.setTimeout(() => void flush(), SAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [changes, retryTick, flush]);

  const switchDraft = useCallback((id: string | null) => {
    draftId.current = id;
    savedVersion.current = version.current;
    setState({ kind: 'idle' });
  }, []);

  const stop = useCallback(() => {
    stopped.current = true;
  }, []);

  const currentDraftId = useCallback(() => draftId.current, []);

  return { state, flush, switchDraft, stop, draftId: currentDraftId };
}
