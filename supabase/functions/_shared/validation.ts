import { z } from "zod";
import { describeIssues } from "../../../src/domain/issues.ts";
import { NUL_CHARACTER_MESSAGE, nulCharacterPath } from "../../../src/domain/postgres-text.ts";
import { FunctionError } from "./http.ts";

/**
 * Parses a body with zod; a 400 whose message names the offending field. A string holding
 * U+0000 anywhere in the body is refused too: Postgres could not store or compare it.
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  const nul = nulCharacterPath(body);
  if (parsed.success && !nul) return parsed.data;
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues),
    ...(nul ? [{ path: nul, message: NUL_CHARACTER_MESSAGE }] : []),
  ];
  throw new FunctionError(400, `invalid request: ${describeIssues(issues)}`);
}

/**
 * A request body's object: a field it does not know is refused, naming it, since a misspelt
 * optional field (`flowid`, `is_test`) would otherwise be ignored and the request do more
 * than was asked.
 */
export function requestBody<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown field ${issue.keys.map((key) => `"${key}"`).join(", ")}`
        : undefined,
  });
}
