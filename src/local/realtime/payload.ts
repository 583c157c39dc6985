/**
 * The `data` of a postgres_changes push, shaped as Supabase Realtime sends it and
 * realtime-js reads it: schema, table, commit_timestamp, type, columns [{name, type}],
 * record (INSERT, UPDATE), old_record (UPDATE, DELETE), errors.
 */
import type { RawRow, RowChange } from "./change-source.ts";
import { type JsonValue, type PgType, toJsonValue } from "./values.ts";

export type JsonRow = Record<string, JsonValue>;

export function convertRow(row: RawRow, change: RowChange, types: ReadonlyMap<number, PgType>): JsonRow {
  const json: JsonRow = {};
  for (const column of change.columns) {
    if (!(column.name in row)) continue;
    json[column.name] = toJsonValue(row[column.name] ?? null, column.typeOid, types);
  }
  return json;
}

/** Serialised once per change and reused for every channel it goes to. */
export function encodeChangeData(change: RowChange, types: ReadonlyMap<number, PgType>, oldRow?: JsonRow): string {
  const data: Record<string, unknown> = {
    schema: change.schema,
    table: change.table,
    commit_timestamp: new Date(change.commitTime).toISOString(),
    type: change.type,
    columns: change.columns.map((c) => ({ name: c.name, type: types.get(c.typeOid)?.name ?? String(c.typeOid) })),
  };
  if (change.record) data.record = convertRow(change.record, change, types);
  if (change.type !== "INSERT") {
    data.old_record = oldRow ?? (change.oldRecord ? convertRow(change.oldRecord, change, types) : {});
  }
  data.errors = null;
  return JSON.stringify(data);
}
