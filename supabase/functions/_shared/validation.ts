import type { z } from "zod";
import { describeIssues } from "../../../src/domain/issues.ts";
import { FunctionError } from "./http.ts";

/** Parses a body with zod; a 400 whose message names the offending field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new FunctionError(400, `invalid request: ${describeIssues(parsed.error.issues)}`);
}
