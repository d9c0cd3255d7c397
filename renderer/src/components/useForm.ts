// Form state for every form in the app: the words typed (never cleared by a failed submit), the messages
// beside each field (from the shared zod schema before sending, or from the server's `fields` after), and a
// counter of failed submits that the error summary watches so it can take focus.
import { useCallback, useId, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { AppError, Result } from '../../../shared/api';

/** Dotted field path (`dsl.password`) → the message to show beside that field. */
export type FieldMessages = Record<string, string>;

export type Checked<T> = { ok: true; input: T } | { ok: false; errors: FieldMessages };

/** Validates with a shared schema; the parsed value is what is sent, so the server sees the same trimmed text. */
export function checkWith<S extends z.ZodType>(schema: S, raw: unknown, extra: FieldMessages = {}): Checked<z.output<S>> {
  const parsed = schema.safeParse(raw);
  const errors: FieldMessages = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '_form';
      errors[path] ??= issue.message;
    }
  }
  for (const [path, message] of Object.entries(extra)) errors[path] ??= message;
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

function firstMessages(fields: Record<string, string[]> | undefined): FieldMessages {
  const messages: FieldMessages = {};
  for (const [path, list] of Object.entries(fields ?? {})) {
    if (list[0]) messages[path] = list[0];
  }
  return messages;
}

export interface BoundField {
  id: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

export interface Form<V extends Record<string, string | boolean>> {
  values: V;
  errors: FieldMessages;
  /** A message about the whole form (e.g. wrong password), shown in the error summary. */
  formError: AppError | null;
  submitting: boolean;
  /** Goes up by one on every failed submit; the error summary takes focus when it changes. */
  failedSubmits: number;
  set: <K extends keyof V>(name: K, value: V[K]) => void;
  bind: (name: keyof V & string) => BoundField;
  /** The element id for a field path, so the error summary can link to it. */
  idFor: (path: string) => string;
  reset: (values?: V) => void;
  submit: <I, T>(options: {
    check: (values: V) => Checked<I>;
    send: (input: I) => Promise<Result<T>>;
    onSuccess: (value: T) => void;
  }) => Promise<void>;
}

export function useForm<V extends Record<string, string | boolean>>(initial: V): Form<V> {
  const prefix = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<AppError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [failedSubmits, setFailedSubmits] = useState(0);

  const idFor = useCallback((path: string) => `${prefix}-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`, [prefix]);

  const set = useCallback(<K extends keyof V>(name: K, value: V[K]) => {
    setValues((previous) => ({ ...previous, [name]: value }));
  }, []);

  const bind = useCallback(
    (name: keyof V & string): BoundField => ({
      id: idFor(name),
      value: String(values[name] ?? ''),
      error: errors[name],
      onChange: (value: string) => set(name, value as V[typeof name]),
    }),
    [errors, idFor, set, values],
  );

  const reset = useCallback(
    (next?: V) => {
      setValues(next ?? initial);
      setErrors({});
      setFormError(null);
    },
    [initial],
  );

  const submit: Form<V>['submit'] = async ({ check, send, onSuccess }) => {
    if (submitting) return;
    const checked = check(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFormError(null);
      setFailedSubmits((count) => count + 1);
      return;
    }
    setSubmitting(true);
    const result = await send(checked.input);
    setSubmitting(false);
    if (result.ok) {
      setErrors({});
      setFormError(null);
      onSuccess(result.value);
      return;
    }
    setErrors(firstMessages(result.error.fields));
    setFormError(result.error);
    setFailedSubmits((count) => count + 1);
  };

  return useMemo(
    () => ({ values, errors, formError, submitting, failedSubmits, set, bind, idFor, reset, submit }),
    // submit closes over the latest values; recreated with them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [values, errors, formError, submitting, failedSubmits, set, bind, idFor, reset],
  );
}
