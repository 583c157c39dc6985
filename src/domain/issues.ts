/** Zod's issues as one line a person can act on: `filters.from: must be an ISO-8601 date-time; …`. */
export function describeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  whole = "body",
): string {
  return issues.map((issue) => `${issue.path.length ? issue.path.join(".") : whole}: ${issue.message}`).join("; ");
}

/** What a strict object says of keys it does not know: `unknown field "is_test", "x"`. */
export function unknownKeys(noun: string, keys: readonly PropertyKey[]): string {
  return `unknown ${noun} ${keys.map((key) => `"${String(key)}"`).join(", ")}`;
}
