/** One numbered step of the schema. Steps are append-only: never edit one that has landed; add the next. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
