// How a command is declared: a permission, an input schema and an output schema.
import { z } from 'zod';
import type { Permission } from '../access/permissions';

export interface CommandDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  permission: Permission;
  /** False for commands that only read the app's own state (polling); every other call is audited. */
  audited: boolean;
}

export const command = <I extends z.ZodType, O extends z.ZodType>(
  permission: Permission,
  input: I,
  output: O,
  options: { audited?: boolean } = {},
): CommandDefinition<I, O> => ({ permission, input, output, audited: options.audited ?? true });

export const nothing = z.object({}).strict();
export const done = z.object({ done: z.literal(true) });
