import type { Condition } from "../domain/execution-filters.ts";
import { escapeRegex } from "./postgrest-conditions.ts";

/** The SQL side of `conditionsFor`: a parameterised WHERE clause for direct Postgres reads. */
export function sqlWhere(conditions: Condition[], firstParam = 1): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${firstParam + values.length - 1}`;
  };
  const clauses = conditions.map((condition) => {
    switch (condition.op) {
      case "eq":
        return `${ident(condition.column)} = ${param(condition.value)}`;
      case "in":
        return `${ident(condition.column)} = any(${param(condition.values)})`;
      case "gte":
        return `${ident(condition.column)} >= ${param(condition.value)}`;
      case "lte":
        return `${ident(condition.column)} <= ${param(condition.value)}`;
      case "search": {
        const pattern = param(escapeRegex(condition.term));
        return `(${condition.columns.map((c) => `${ident(c)} ~* ${pattern}`).join(" or ")})`;
      }
      default: {
        const unknown: never = condition;
        throw new Error(`unknown condition ${JSON.stringify(unknown)}`);
      }
    }
  });
  return { text: clauses.length ? clauses.join(" and ") : "true", values };
}

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a column name: ${name}`);
  return `"${name}"`;
}
