import type { Condition } from "../domain/execution-filters.ts";
import { escapeRegex } from "./postgrest-conditions.ts";

/** The SQL side of `conditionsFor`: a parameterised WHERE clause for direct Postgres reads. */
export function sqlWhere(conditions: Condition[], firstParam = 1): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const text = whereClause(conditions, (value) => {
    values.push(value);
    return `$${firstParam + values.length - 1}`;
  });
  return { text, values };
}

/**
 * The same WHERE clause with every value inlined as an escaped literal, for statements that
 * take no bind parameters (COPY).
 */
export function sqlWhereInline(conditions: Condition[]): string {
  return whereClause(conditions, sqlValue);
}

function whereClause(conditions: Condition[], param: (value: string | boolean | readonly string[]) => string): string {
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
  return clauses.length ? clauses.join(" and ") : "true";
}

function sqlValue(value: string | boolean | readonly string[]): string {
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return sqlLiteral(value);
  return `array[${value.map(sqlLiteral).join(", ")}]::text[]`;
}

/**
 * A string as an SQL literal. The E'' form with backslashes doubled means the same whatever
 * standard_conforming_strings is; NUL cannot be stored in text, so it is refused.
 */
export function sqlLiteral(value: string): string {
  if (value.includes("\0")) throw new Error("a value contains a NUL character");
  return value.includes("\\")
    ? `E'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`
    : `'${value.replace(/'/g, "''")}'`;
}

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a column name: ${name}`);
  return `"${name}"`;
}
