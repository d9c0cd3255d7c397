import type { Migration } from './migration';
import { migration0001 } from './0001-foundation';
import { migration0002 } from './0002-concern-log';
import { migration0003 } from './0003-casework';
import { migration0004 } from './0004-packs';
import { migration0005 } from './0005-exports';
import { migration0006 } from './0006-report-indexes';
import { migration0007 } from './0007-dated-links';
import { migration0008 } from './0008-audit-client';
import { migration0009 } from './0009-sealed-intake';
import { migration0010 } from './0010-adult-concerns';
import { migration0011 } from './0011-lighter-saves';
import { migration0012 } from './0012-record-versions';
import { migration0013 } from './0013-second-factor';
import { migration0014 } from './0014-child-described';
import { migration0015 } from './0015-fewer-pages-per-save';
import { migration0016 } from './0016-link-copies-folded';

export type { Migration } from './migration';

/** Strictly increasing by one; the store's user_version is the last one applied. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
];
