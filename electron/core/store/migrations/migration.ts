/** One numbered step of the schema. Steps are append-only: never edit one that has landed; add the next. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * A CHECK constraint widened in place before `sql` runs (a new role a column may hold). SQLite cannot alter a
   * CHECK, and rebuilding a table that every other table references fails its foreign keys inside the migration's
   * one transaction; widening changes no stored row, so SQLite's documented in-place schema edit is safe here.
   */
  widenCheck?: { table: string; from: string; to: string };
}
