import type { CrudFilter } from "@refinedev/core";
import { NUL_CHARACTER } from "../../domain/postgres-text.ts";
import { containsLiterallyInOr } from "./literal-search.ts";

/**
 * The contacts search as Refine filters: name or email contains the term; none without a term.
 * A term holding U+0000 (only reachable by editing the URL) is no search, as a malformed
 * filter in the URL is no filter: Postgres cannot compare it, and PostgREST would cut it there.
 */
export function contactSearchFilters(term: string | null | undefined): CrudFilter[] {
  const trimmed = term?.trim();
  if (!trimmed || trimmed.includes(NUL_CHARACTER)) return [];
  return [{ operator: "or", value: ["name", "email"].map((field) => containsLiterallyInOr(field, trimmed)) }];
}
