import type { Migration } from './migration';

// Culture reports read every concern in a period (up to a trust's whole history). A covering index on the columns
// they use means the concerns' wide text is never decrypted and paged in; the other indexes let each outcome be
// found by its date instead of by scanning its table.
export const migration0006: Migration = {
  version: 6,
  name: 'report-indexes',
  sql: `
    CREATE INDEX concerns_for_reports ON concerns (recorded_at, id, author_id, read_at, immediate_danger);
    CREATE INDEX concerns_by_closed ON concerns (closed_at);
    CREATE INDEX decisions_by_decided ON decisions (decided_at);
    CREATE INDEX referrals_by_referred ON referrals (referred_at);
    CREATE INDEX escalations_by_started ON escalations (started_at);
  `,
};
