import { z } from "zod/mini";
import {
  type EnrollmentFilters,
  enrollmentFiltersSchema,
  type LogFilters,
  logFiltersSchema,
} from "../../domain/execution-filters.ts";

/**
 * Filters live in the URL (a link reproduces the view; Back works), validated with the same
 * zod schemas as the service. A bad parameter is dropped, not fatal.
 */
const pageSchema = z.catch(z.coerce.number().check(z.int(), z.minimum(1)), 1);

function list(params: URLSearchParams, key: string): string[] | undefined {
  const values = params
    .getAll(key)
    .flatMap((v) => v.split(","))
    .filter(Boolean);
  return values.length ? values : undefined;
}

function raw(params: URLSearchParams) {
  return {
    status: list(params, "status"),
    actionType: list(params, "action"),
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    search: params.get("q") ?? undefined,
    testRuns: params.get("tests") ?? undefined,
    flowId: params.get("flow") ?? undefined,
  };
}

/** Keeps each valid field; a malformed one falls back to "no filter". */
function lenient<T extends z.ZodMiniObject>(schema: T, input: Record<string, unknown>): z.infer<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const field = schema.shape[key] as z.ZodMiniType | undefined;
    if (!field || value === undefined) continue;
    const parsed = field.safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return schema.parse(out);
}

export function enrollmentFiltersFromUrl(params: URLSearchParams): EnrollmentFilters {
  return lenient(enrollmentFiltersSchema, raw(params));
}

export function logFiltersFromUrl(params: URLSearchParams): LogFilters {
  return lenient(logFiltersSchema, raw(params));
}

export function pageFromUrl(params: URLSearchParams): number {
  return pageSchema.parse(params.get("page") ?? 1);
}

/** Writes filters back, leaving other parameters (the tab, say) alone; the page resets. */
export function withFilters(params: URLSearchParams, filters: EnrollmentFilters | LogFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ["status", "action", "from", "to", "q", "tests", "flow", "page"]) next.delete(key);
  if (filters.status?.length) next.set("status", filters.status.join(","));
  if ("actionType" in filters && filters.actionType?.length) next.set("action", filters.actionType.join(","));
  if (filters.from) next.set("from", filters.from);
  if (filters.to) next.set("to", filters.to);
  if (filters.search) next.set("q", filters.search);
  if (filters.testRuns && filters.testRuns !== "include") next.set("tests", filters.testRuns);
  if (filters.flowId) next.set("flow", filters.flowId);
  return next;
}
