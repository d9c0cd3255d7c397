// Connecting this computer to the school's hub from the window (connect mode, decision 0019's addendum). These run on
// this computer only, before anything is sent to a hub: the hub and a computer with its own records refuse them.
import { z } from 'zod';
import { command } from './define';

/** What a person types for the hub's address: a name or address, with its port, https:// added if left off. */
export const hubAddressSchema = z
  .string()
  .trim()
  .min(1, 'Enter the hub’s address, for example https://records-hub:8443')
  .max(300, 'That is too long to be the hub’s address');

/**
 * The enrolment code as typed from the hub's screen (12 characters, e.g. 7K3M-Q9XD-2HJR), or the full fingerprint
 * (64 hex digits). Spaces, dashes, colons and case do not matter; O, I and L are read as 0, 1 and 1.
 */
export const enrolmentCodeSchema = z
  .string()
  .trim()
  .min(1, 'Enter the enrolment code the hub shows')
  .max(200, 'That is too long to be the hub’s code')
  .refine((typed) => {
    const compact = typed.replace(/[\s:-]/g, '').toUpperCase();
    return /^[0-9A-F]{64}$/.test(compact) || /^[0-9A-HJKMNP-TV-Z]{12}$/.test(compact.replace(/O/g, '0').replace(/[IL]/g, '1'));
  }, 'Enter the 12-character code the hub shows, for example 7K3M-Q9XD-2HJR');

export const connectCommands = {
  /**
   * Fetches the certificate the computer at that address presents, trusting nothing yet, and answers its fingerprint
   * for the person to compare with the one on the hub's screen. Nothing is saved.
   */
  'connect.lookUpHub': command('public', z.object({ hubUrl: hubAddressSchema }), z.object({ hubUrl: z.string(), fingerprint: z.string() }), { audited: false }),
  /**
   * Enrols this computer with the hub if the code matches its certificate and the hub then proves it holds the key;
   * from then on the page talks to that hub and no other. Saves nothing on any failure.
   */
  'connect.enrol': command('public', z.object({ hubUrl: hubAddressSchema, code: enrolmentCodeSchema }), z.object({ hubUrl: z.string() })),
};
