import type { Condition } from "../domain/execution-filters.ts";

/** The subset of supabase-js's filter builder the conditions need. */
export interface FilterableQuery<Q> {
  eq(column: string, value: unknown): Q;
  in(column: string, values: readonly unknown[]): Q;
  gte(column: string, value: unknown): Q;
  lte(column: string, value: unknown): Q;
  or(filters: string): Q;
}

/** Applies conditions to a supabase-js query: the PostgREST side of `conditionsFor`. */
export function applyConditions<Q extends FilterableQuery<Q>>(query: Q, conditions: Condition[]): Q {
  return conditions.reduce<Q>((q, condition) => {
    switch (condition.op) {
      case "eq":
        return q.eq(condition.column, condition.value);
      case "in":
        return q.in(condition.column, condition.values);
      case "gte":
        return q.gte(condition.column, condition.value);
      case "lte":
        return q.lte(condition.column, condition.value);
      case "search": {
        const pattern = quoted(`*${escapeLike(condition.term)}*`);
        return q.or(condition.columns.map((column) => `${column}.ilike.${pattern}`).join(","));
      }
      default: {
        const unknown: never = condition;
        throw new Error(`unknown condition ${JSON.stringify(unknown)}`);
      }
    }
  }, query);
}

/** `%` and `_` are LIKE wildcards; a search for them means the characters themselves. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** PostgREST's quoting for values with reserved characters (`,` `.` `(` `)` `:`) in logic trees. */
function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
