import { z } from "zod/mini";
import { describeIssues, unknownKeys } from "./issues.ts";
import { NUL_CHARACTER, NUL_CHARACTER_MESSAGE } from "./postgres-text.ts";
import { EXECUTION_STATUSES, STEP_STATUSES } from "./statuses.ts";

/**
 * The filters of the Enrollment History and Execution Logs, one schema for the service,
 * the export function and the admin's URL. `conditionsFor` turns them into column
 * conditions; the supabase-js and SQL adapters only translate those mechanically.
 */
export const TEST_RUN_CHOICES = ["include", "exclude", "only"] as const;
export type TestRunChoice = (typeof TEST_RUN_CHOICES)[number];

// zod/mini: the admin parses its URL with these schemas, and mini's functions tree-shake
// (the full zod was a quarter of a flow page's filter code). Messages are spelled out here,
// since mini loads no locale of its own.
const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO-8601 date-time" });
const oneOf = (choices: readonly string[]) => ({ error: `must be one of ${choices.join(", ")}` });
const LIST = { error: "must be a list" };
const TEXT = { error: "must be text" };
const noNulCharacter = z.refine<string>((value) => !value.includes(NUL_CHARACTER), NUL_CHARACTER_MESSAGE);
/** An object of filters; a key it does not know is refused (a misspelt filter would filter nothing). */
const filtersObject = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? unknownKeys("filter", issue.keys) : "must be an object"),
  });

const commonFilters = {
  from: z.optional(isoDate),
  to: z.optional(isoDate),
  search: z.optional(
    z.string(TEXT).check(z.trim(), z.maxLength(200, "search is at most 200 characters"), noNulCharacter),
  ),
  testRuns: z._default(z.enum(TEST_RUN_CHOICES, oneOf(TEST_RUN_CHOICES)), "include"),
  flowId: z.optional(z.uuid("flowId must be a UUID")),
};

export const enrollmentFiltersSchema = filtersObject({
  ...commonFilters,
  status: z.optional(z.array(z.enum(EXECUTION_STATUSES, oneOf(EXECUTION_STATUSES)), LIST)),
});

export const logFiltersSchema = filtersObject({
  ...commonFilters,
  status: z.optional(z.array(z.enum(STEP_STATUSES, oneOf(STEP_STATUSES)), LIST)),
  actionType: z.optional(
    z.array(
      z
        .string(TEXT)
        .check(z.minLength(1, "must not be empty"), z.maxLength(50, "is at most 50 characters"), noNulCharacter),
      LIST,
    ),
  ),
});

export type EnrollmentFilters = z.input<typeof enrollmentFiltersSchema>;
export type LogFilters = z.input<typeof logFiltersSchema>;
export type ListKind = "enrollments" | "logs";

export type Condition =
  | { op: "eq"; column: string; value: string | boolean }
  | { op: "in"; column: string; values: readonly string[] }
  | { op: "gte" | "lte"; column: string; value: string }
  /** Case-insensitive substring match on any of the columns. */
  | { op: "search"; columns: readonly string[]; term: string };

/** The view each list reads, and its time column (what the date range and sorting use). */
export const LIST_SOURCES = {
  enrollments: { view: "execution_enrollments", time: "enrolled_at" },
  logs: { view: "execution_logs", time: "created_at" },
} as const;

/** The filters validated, or an Error whose message names each bad field and what it must be. */
export function parseFilters(kind: ListKind, filters: EnrollmentFilters | LogFilters) {
  const result = (kind === "enrollments" ? enrollmentFiltersSchema : logFiltersSchema).safeParse(filters);
  if (!result.success) throw new Error(describeIssues(result.error.issues, "filters"));
  return result.data;
}

export function conditionsFor(
  kind: ListKind,
  filters: EnrollmentFilters | LogFilters,
  scope: { workspaceId?: string } = {},
): Condition[] {
  const parsed = parseFilters(kind, filters);
  const time = LIST_SOURCES[kind].time;
  const conditions: Condition[] = [];
  if (scope.workspaceId) conditions.push({ op: "eq", column: "workspace_id", value: scope.workspaceId });
  if (parsed.flowId) conditions.push({ op: "eq", column: "flow_id", value: parsed.flowId });
  if (parsed.status?.length) conditions.push({ op: "in", column: "status", values: parsed.status });
  if ("actionType" in parsed && parsed.actionType?.length) {
    conditions.push({ op: "in", column: "node_type", values: parsed.actionType });
  }
  if (parsed.from) conditions.push({ op: "gte", column: time, value: parsed.from });
  if (parsed.to) conditions.push({ op: "lte", column: time, value: parsed.to });
  if (parsed.search) conditions.push({ op: "search", columns: ["contact_name", "contact_email"], term: parsed.search });
  if (parsed.testRuns !== "include")
    conditions.push({ op: "eq", column: "is_test", value: parsed.testRuns === "only" });
  return conditions;
}
