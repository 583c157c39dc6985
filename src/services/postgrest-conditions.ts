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
        // A regex match rather than ilike: PostgREST turns every `*` of a like pattern into a
        // wildcard, and the term must match literally. pg_trgm indexes serve both.
        const pattern = quoted(escapeRegex(condition.term));
        return q.or(condition.columns.map((column) => `${column}.imatch.${pattern}`).join(","));
      }
      default: {
        const unknown: never = condition;
        throw new Error(`unknown condition ${JSON.stringify(unknown)}`);
      }
    }
  }, query);
}

/** A search term as a regular expression that matches exactly that text. */
export function escapeRegex(term: string): string {
  return term.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`);
}

/** PostgREST's quoting for values with reserved characters (`,` `.` `(` `)` `:`) in logic trees. */
export function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
