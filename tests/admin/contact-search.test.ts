import { describe, expect, it } from "vitest";
import { contactSearchFilters } from "../../src/admin/filters/contact-search.ts";

describe("contactSearchFilters", () => {
  it("searches name or email for a term, and nothing for a blank one", () => {
    expect(contactSearchFilters("  ann ")).toEqual([
      {
        operator: "or",
        value: [expect.objectContaining({ field: "name" }), expect.objectContaining({ field: "email" })],
      },
    ]);
    expect(contactSearchFilters("   ")).toEqual([]);
    expect(contactSearchFilters(null)).toEqual([]);
  });

  it("drops a term holding U+0000, as the URL's other malformed filters are dropped", () => {
    expect(contactSearchFilters("ann\u0000")).toEqual([]);
  });
});
