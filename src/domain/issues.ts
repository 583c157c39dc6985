/** Zod's issues as one line a person can act on: `filters.from: must be an ISO-8601 date-time; …`. */
export function describeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  whole = "body",
): string {
  return issues.map((issue) => `${issue.path.length ? issue.path.join(".") : whole}: ${issue.message}`).join("; ");
}
