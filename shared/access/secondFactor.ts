// Who must prove a second factor (a code from an authenticator app) after their password, and what a session may do
// before it has. The DfE's cyber security standard for schools asks for MFA on every account that reaches sensitive
// personal data: DSLs (children's records), the head (culture figures), administrators (accounts, roster,
// settings — and so who reads what) and the chair of governors (allegations about the headteacher, decision 0020).
// Staff, who only log concerns, may use a password alone.
import { mayGrantRole } from './accessRules';
import type { Role } from './roles';

const rolesWithSecondFactor: readonly Role[] = ['dsl', 'head', 'admin', 'governor'];

/** Whether an account in `role` signs in with a password and a code, and must enrol an authenticator first. */
export const needsSecondFactor = (role: Role): boolean => rolesWithSecondFactor.includes(role);

/**
 * Whether `by` may clear the second factor of an account in role `target` (a lost phone): the same people who may
 * grant that role, so an administrator can never strip the factor from a DSL's, the head's or the chair's account.
 */
export const mayResetSecondFactor = (by: Role, target: Role): boolean => mayGrantRole(by, target);

/** What a session is still waiting for after the password: a code, or an authenticator to be enrolled. */
export type SecondFactorStep = 'code' | 'enrol';

/**
 * The only commands a session waiting at a step may run (beside the public ones: status, sign-out, lock). Waiting
 * for a code, nothing but the code; waiting for enrolment, enrolling, and what the first-hour pages need around it
 * (confirming the recovery key just shown, replacing a temporary password, reporting activity, the settings).
 */
export const commandsBeforeSecondFactor: Record<SecondFactorStep, readonly string[]> = {
  code: ['session.verifyCode'],
  enrol: [
    'secondFactor.startEnrolment',
    'secondFactor.confirmEnrolment',
    'setup.confirmRecoveryKey',
    'session.changePassword',
    'session.touch',
    'settings.get',
  ],
};
