import { z } from "zod";
import { describeIssues, unknownKeys } from "../../../src/domain/issues.ts";
import { describeNulCharacter } from "../../../src/domain/postgres-text.ts";
import { FunctionError } from "./http.ts";

/**
 * Parses a body with zod; a 400 whose message names the offending field. A body the schema
 * accepts is then looked through for text holding U+0000 (in a field the schema lets through
 * as it is, such as a flow definition): Postgres could not store or compare it.
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new FunctionError(400, `invalid request: ${describeIssues(parsed.error.issues)}`);
  const nul = describeNulCharacter(body);
  if (nul) throw new FunctionError(400, `invalid request: ${nul}`);
  return parsed.data;
}

/**
 * A request body's object: a field it does not know is refused, naming it, since a misspelt
 * optional field (`flowid`, `is_test`) would otherwise be ignored and the request do more
 * than was asked.
 */
export function requestBody<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? unknownKeys("field", issue.keys) : undefined),
  });
}
