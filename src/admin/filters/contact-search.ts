import type { CrudFilter } from "@refinedev/core";
import { containsLiterallyInOr } from "./literal-search.ts";

/** The contacts search as Refine filters: name or email contains the term; none without a term. */
export function contactSearchFilters(term: string | null | undefined): CrudFilter[] {
  const trimmed = term?.trim();
  if (!trimmed) return [];
  return [{ operator: "or", value: ["name", "email"].map((field) => containsLiterallyInOr(field, trimmed)) }];
}
