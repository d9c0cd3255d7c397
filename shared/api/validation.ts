import type { z } from 'zod';
import type { AppError } from './result';

/** zod's issues → `{ 'dsl.password': ['…'] }`, the shape forms use to show a message beside each field. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '_form';
    (fields[path] ??= []).push(issue.message);
  }
  return fields;
}

export function invalidInput(error: z.ZodError): AppError {
  return { code: 'invalid_input', message: 'Some answers need correcting before this can be saved.', fields: fieldErrors(error) };
}
