// The pages of the signed-in app, the permission each needs (mirroring shared/access; dispatch enforces it
// anyway) and their address after `#`, so Back, Forward and reload keep the person where they were.
// A path segment starting with `:` is a parameter (`/children/:pupilId`).
import { roleMay, type Permission, type Role } from '../../../shared/api';

export const routes = {
  home: { path: '/', title: 'Home', permission: 'signedIn' },
  logConcern: { path: '/concerns/new', title: 'Log a concern', permission: 'concerns.log' },
  myConcerns: { path: '/concerns/mine', title: 'My concerns', permission: 'concerns.log' },
  concern: { path: '/concerns/:concernId', title: 'Concern', permission: 'concerns.log' },
  // Concerns about adults (KCSIE Part 4): anyone logs one; only its recipient reads it (shared/access).
  logAdultConcern: { path: '/adults/new', title: 'Concern about an adult', permission: 'adults.log' },
  adultRegister: { path: '/adults', title: 'Concerns about adults', permission: 'adults.receive' },
  adultRecord: { path: '/adults/:recordId', title: 'Concern about an adult', permission: 'adults.receive' },
  queue: { path: '/queue', title: 'Review queue', permission: 'children.read' },
  child: { path: '/children/:pupilId', title: 'Child’s file', permission: 'children.read' },
  // The child's file opened at a form, so the concern page can offer the DSL's next step as a link.
  decideOnConcern: { path: '/children/:pupilId/decision/:concernId', title: 'Record a decision', permission: 'children.write' },
  recordReferral: { path: '/children/:pupilId/referral', title: 'Record a referral', permission: 'children.write' },
  referralPack: { path: '/children/:pupilId/referral-pack', title: 'MASH referral pack', permission: 'children.write' },
  childExports: { path: '/children/:pupilId/exports', title: 'Chronology and subject access exports', permission: 'children.write' },
  transferOut: { path: '/children/:pupilId/transfer', title: 'Send the child protection file', permission: 'children.write' },
  transfers: { path: '/transfers', title: 'File transfers', permission: 'children.read' },
  pupils: { path: '/pupils', title: 'Pupils', permission: 'roster.manage' },
  thresholds: { path: '/thresholds', title: 'Thresholds', permission: 'signedIn' },
  contacts: { path: '/contacts', title: 'Who to call', permission: 'signedIn' },
  reports: { path: '/reports', title: 'Culture report', permission: 'reports.view' },
  accounts: { path: '/accounts', title: 'Accounts', permission: 'accounts.manage' },
  sessions: { path: '/accounts/sessions', title: 'Active sessions', permission: 'sessions.manage' },
  settings: { path: '/settings', title: 'Settings', permission: 'settings.manage' },
  password: { path: '/password', title: 'Change my password', permission: 'signedIn' },
} as const satisfies Record<string, { path: string; title: string; permission: Permission }>;

export type RouteName = keyof typeof routes;
export type RouteParams = Readonly<Record<string, string>>;
export type Location = { route: RouteName; params: RouteParams } | { route: 'not_found'; path: string };

/**
 * Order of the main navigation (pages with parameters are reached from other pages, not the menu). The form for a
 * concern about an adult is reached from the concern form's "about an adult" box, the home page and the register.
 */
export const navigationOrder: readonly RouteName[] = ['home', 'logConcern', 'myConcerns', 'queue', 'adultRegister', 'transfers', 'pupils', 'thresholds', 'contacts', 'reports', 'accounts', 'sessions', 'settings'];

export function hrefFor(route: RouteName, params: RouteParams = {}): string {
  const path = routes[route].path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  return `#${path}`;
}

export function mayVisit(role: Role, route: RouteName): boolean {
  return roleMay(role, routes[route].permission);
}

function match(pattern: string, path: string): RouteParams | null {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < expected.length; index += 1) {
    const part = expected[index]!;
    const value = actual[index]!;
    if (part.startsWith(':')) {
      if (!value) return null;
      params[part.slice(1)] = decodeURIComponent(value);
    } else if (part !== value) return null;
  }
  return params;
}

/** `#/accounts` → accounts. Fragments that are not routes (`#main`, a field's id) return null: not navigation. */
export function parseLocation(hash: string): Location | null {
  if (hash === '' || hash === '#') return { route: 'home', params: {} };
  if (!hash.startsWith('#/')) return null;
  const path = hash.slice(1).replace(/\/+$/, '') || '/';
  const names = Object.keys(routes) as RouteName[];
  // Fixed paths win over parameters, so /concerns/new is never read as the concern with id "new".
  const ordered = [...names.filter((name) => !routes[name].path.includes(':')), ...names.filter((name) => routes[name].path.includes(':'))];
  for (const name of ordered) {
    const params = match(routes[name].path, path);
    if (params) return { route: name, params };
  }
  return { route: 'not_found', path };
}
