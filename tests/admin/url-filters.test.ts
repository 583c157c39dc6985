import { describe, expect, it } from "vitest";
import {
  enrollmentFiltersFromUrl,
  logFiltersFromUrl,
  pageFromUrl,
  withFilters,
} from "../../src/admin/filters/url-filters.ts";

const FLOW = "b0000000-0000-4000-8000-000000000001";
const url = (query: string) => new URLSearchParams(query);

describe("filters in the URL", () => {
  it("reads every filter of a shared link", () => {
    const params = url(
      `tab=logs&status=failed,success&action=send_email&from=2026-01-01T00:00:00.000Z&to=2026-02-01T00:00:00.000Z&q=%20Ada%20&tests=only&flow=${FLOW}`,
    );
    expect(logFiltersFromUrl(params)).toEqual({
      status: ["failed", "success"],
      actionType: ["send_email"],
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-02-01T00:00:00.000Z",
      search: "Ada",
      testRuns: "only",
      flowId: FLOW,
    });
  });

  it("drops a malformed parameter, or a list's malformed entries, and keeps the rest", () => {
    const params = url(`status=completed,bogus&from=yesterday&tests=sometimes&flow=flow-1&q=ada`);
    expect(enrollmentFiltersFromUrl(params)).toEqual({ status: ["completed"], search: "ada", testRuns: "include" });
    expect(enrollmentFiltersFromUrl(url("status=bogus"))).toEqual({ testRuns: "include" });
    expect(logFiltersFromUrl(url("action=nope,send_sms&status=success"))).toEqual({
      actionType: ["send_sms"],
      status: ["success"],
      testRuns: "include",
    });
    expect(logFiltersFromUrl(url("action=nope"))).toEqual({ testRuns: "include" });
    expect(enrollmentFiltersFromUrl(url("status=running&status=failed"))).toEqual({
      status: ["running", "failed"],
      testRuns: "include",
    });
  });

  it("reads a plain date as that whole day in the viewer's time zone", () => {
    expect(enrollmentFiltersFromUrl(url("from=2026-01-05&to=2026-01-07"))).toEqual({
      from: new Date(2026, 0, 5).toISOString(),
      to: new Date(2026, 0, 7, 23, 59, 59, 999).toISOString(),
      testRuns: "include",
    });
    expect(enrollmentFiltersFromUrl(url("from=2026-02-31&to=2026-13-01"))).toEqual({ testRuns: "include" });
  });

  it("reads the page, falling back to 1 for anything but a positive integer", () => {
    expect(pageFromUrl(url("page=7"))).toBe(7);
    for (const bad of ["page=0", "page=-2", "page=1.5", "page=two", ""]) expect(pageFromUrl(url(bad))).toBe(1);
  });

  it("writes filters back beside other parameters, resetting the page", () => {
    const next = withFilters(url("tab=enrollments&page=4&status=failed"), {
      status: ["running"],
      search: "ada",
      testRuns: "include",
    });
    expect(next.toString()).toBe("tab=enrollments&status=running&q=ada");
    expect(enrollmentFiltersFromUrl(next)).toEqual({ status: ["running"], search: "ada", testRuns: "include" });
  });
});
