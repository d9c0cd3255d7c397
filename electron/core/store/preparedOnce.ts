// Preparing a statement costs more than running a small one (tens of microseconds, on every save): a module's hot
// statements are prepared once per connection and kept for as long as the connection is.
import type { Store } from './open';

/** `make(db)` runs once per connection; later calls on the same connection get what it made. */
export function preparedOnce<T>(make: (db: Store) => T): (db: Store) => T {
  const prepared = new WeakMap<Store, T>();
  return (db) => {
    let found = prepared.get(db);
    if (!found) {
      found = make(db);
      prepared.set(db, found);
    }
    return found;
  };
}
