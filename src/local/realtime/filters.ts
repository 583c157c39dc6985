/**
 * Supabase Realtime's postgres_changes filters: one `column=op.value` per binding, with the
 * operators eq, neq, lt, lte, gt, gte and in (`status=in.(failed,cancelled)`), compared the
 * way the column's type compares (numbers as numbers, timestamps as instants).
 */
import { toJsonValue } from "./values.ts";

export type FilterOperator = "eq" | "neq" | "lt" | "lte" | "gt" | "gte" | "in";

export interface RowFilter {
  column: string;
  operator: FilterOperator;
  values: string[];
}

const OPERATORS = new Set<string>(["eq", "neq", "lt", "lte", "gt", "gte", "in"]);
/** Supabase caps `in` lists at 100 values. */
const MAX_IN_VALUES = 100;

export class FilterSyntaxError extends Error {}

export function parseFilter(filter: string): RowFilter {
  const match = /^([^=]+)=([a-z]+)\.(.*)$/s.exec(filter);
  if (!match) throw new FilterSyntaxError(`Invalid filter "${filter}": expected column=operator.value`);
  const [, column = "", operator = "", value = ""] = match;
  if (!OPERATORS.has(operator)) {
    throw new FilterSyntaxError(
      `Invalid filter "${filter}": operator ${operator} is not one of eq, neq, lt, lte, gt, gte, in`,
    );
  }
  if (operator !== "in") return { column: column.trim(), operator: operator as FilterOperator, values: [value] };
  const list = /^\((.*)\)$/s.exec(value);
  if (!list) throw new FilterSyntaxError(`Invalid filter "${filter}": in expects a list such as in.(a,b)`);
  const values = splitList(list[1] ?? "");
  if (values.length > MAX_IN_VALUES) {
    throw new FilterSyntaxError(`Invalid filter "${filter}": in accepts at most ${MAX_IN_VALUES} values`);
  }
  return { column: column.trim(), operator: "in", values };
}

/** `a,"b,c", d` → ["a", "b,c", "d"]: double quotes protect commas, as in PostgREST's lists. */
function splitList(text: string): string[] {
  const values: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '"') quoted = !quoted;
    else if (char === "\\" && quoted) current += text[++i] ?? "";
    else if (char === "," && !quoted) {
      values.push(current.trim());
      current = "";
    } else current += char;
  }
  if (current.trim() !== "" || values.length > 0) values.push(current.trim());
  return values;
}

const NUMERIC = new Set([20, 21, 23, 26, 700, 701, 1700]);
const TEMPORAL = new Set([1082, 1114, 1184]);
const BOOL = 16;
const UUID = 2950;

/** True when a column value (pgoutput text, null for SQL NULL) passes the filter. NULL passes none. */
export function matchesFilter(filter: RowFilter, text: string | null | undefined, typeOid: number): boolean {
  if (text === null || text === undefined) return false;
  const value = comparable(text, typeOid);
  const results = filter.values.map((candidate) => compare(value, comparable(candidate, typeOid)));
  switch (filter.operator) {
    case "eq":
      return results[0] === 0;
    case "neq":
      return results[0] !== 0 && results[0] !== undefined;
    case "lt":
      return results[0] !== undefined && results[0] < 0;
    case "lte":
      return results[0] !== undefined && results[0] <= 0;
    case "gt":
      return results[0] !== undefined && results[0] > 0;
    case "gte":
      return results[0] !== undefined && results[0] >= 0;
    case "in":
      return results.includes(0);
  }
}

type Comparable = number | string;

function comparable(text: string, typeOid: number): Comparable {
  if (NUMERIC.has(typeOid)) return Number(text);
  if (typeOid === BOOL) return ["t", "true", "y", "yes", "on", "1"].includes(text.trim().toLowerCase()) ? 1 : 0;
  if (TEMPORAL.has(typeOid)) {
    const iso = toJsonValue(text, typeOid, new Map());
    const instant = Date.parse(typeof iso === "string" ? iso : text);
    return Number.isNaN(instant) ? text : instant;
  }
  if (typeOid === UUID) return text.toLowerCase();
  return text;
}

/** Negative, zero or positive; undefined when the two cannot be compared (NaN, number vs text). */
function compare(a: Comparable, b: Comparable): number | undefined {
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
    return a - b;
  }
  if (typeof a !== typeof b) return undefined;
  return a < b ? -1 : a > b ? 1 : 0;
}
