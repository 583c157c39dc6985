import type { CrudFilter } from "@refinedev/core";
import { containsLiterallyInOr } from "./literal-search.ts";

/**
 * The contacts search as one keyed Refine filter: name or email contains the term. Without a
 * term its value is empty, which Refine drops; the key lets a new term replace the old one.
 */
export function contactSearchFilter(term: string | null | undefined): CrudFilter {
  const trimmed = term?.trim();
  return {
    key: "search",
    operator: "or",
    value: trimmed ? ["name", "email"].map((field) => containsLiterallyInOr(field, trimmed)) : [],
  };
}
