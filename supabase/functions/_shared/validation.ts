import type { z } from "zod";
import { FunctionError } from "./http.ts";

/** Parses a body with zod; a 400 whose message names the offending field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join(".") : "body";
    return `${field}: ${issue.message}`;
  });
  throw new FunctionError(400, `invalid request: ${problems.join("; ")}`);
}
