import type { LogicalFilter } from "@refinedev/core";
import { escapeRegex, quoted } from "../../services/postgrest-conditions.ts";

/**
 * Refine filters that match text literally, as the service's contact search does. PostgREST
 * turns every `*` of a like pattern into a wildcard, so a case-insensitive regex (`imatch`) of
 * the escaped term is the only literal substring match; pg_trgm indexes serve it. `imatch` is
 * not one of Refine's operators: @refinedev/supabase hands unknown operators to PostgREST as is.
 */
const IMATCH = "imatch" as unknown as LogicalFilter["operator"];

/** `field` contains `term`, case-insensitively. */
export function containsLiterally(field: string, term: string): LogicalFilter {
  return { field, operator: IMATCH, value: escapeRegex(term) };
}

/** The same inside an `or` filter, where PostgREST needs the value quoted. */
export function containsLiterallyInOr(field: string, term: string): LogicalFilter {
  return { field, operator: IMATCH, value: quoted(escapeRegex(term)) };
}
