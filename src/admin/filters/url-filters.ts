import { z } from "zod/mini";
import {
  type EnrollmentFilters,
  enrollmentFiltersSchema,
  type LogFilters,
  logFiltersSchema,
} from "../../domain/execution-filters.ts";
import { ACTION_LABELS } from "../../domain/node-types.ts";

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

/** A plain date (`2026-01-05`, as people type it into a link) as the start or end of that day here. */
function dayBound(value: string | null, end: boolean): string | undefined {
  const day = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!day) return value ?? undefined;
  const [year, month, date] = day.slice(1).map(Number) as [number, number, number];
  const bound = end ? new Date(2000, 0, 1, 23, 59, 59, 999) : new Date(2000, 0, 1);
  bound.setFullYear(year, month - 1, date); // not the constructor: it reads years below 100 as 19xx
  // 2026-02-31 would roll over into March: a day that does not exist is no filter.
  const exists = bound.getFullYear() === year && bound.getMonth() === month - 1 && bound.getDate() === date;
  return exists ? bound.toISOString() : undefined;
}

function raw(params: URLSearchParams) {
  return {
    status: list(params, "status"),
    actionType: list(params, "action")?.filter((type) => Object.hasOwn(ACTION_LABELS, type)),
    from: dayBound(params.get("from"), false),
    to: dayBound(params.get("to"), true),
    search: params.get("q") ?? undefined,
    testRuns: params.get("tests") ?? undefined,
    flowId: params.get("flow") ?? undefined,
  };
}

/** Keeps each valid field, and each valid entry of a list; a malformed one means "no filter". */
function lenient<T extends z.ZodMiniObject>(schema: T, input: Record<string, unknown>): z.infer<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const field = schema.shape[key] as z.ZodMiniType | undefined;
    if (!field || value === undefined) continue;
    const entries = Array.isArray(value) ? value.filter((entry) => field.safeParse([entry]).success) : value;
    if (Array.isArray(entries) && entries.length === 0) continue;
    const parsed = field.safeParse(entries);
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
