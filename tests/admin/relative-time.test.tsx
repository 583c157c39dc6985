// @vitest-environment jsdom

import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { RelativeTime } from "../../src/admin/components/relative-time.tsx";
import { installBrowserStubs } from "../support/jsdom.ts";

beforeAll(installBrowserStubs);
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-26T10:00:00Z"));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

it("counts down while it is shown, then says how long ago", () => {
  render(<RelativeTime value="2026-11-26T10:00:05Z" />);
  expect(screen.getByText("in 5 sec.")).toBeTruthy();

  act(() => vi.advanceTimersByTime(3_000));
  expect(screen.getByText("in 2 sec.")).toBeTruthy();

  act(() => vi.advanceTimersByTime(4_000));
  expect(screen.getByText("2 sec. ago")).toBeTruthy();
});

it("redraws a distance in hours as the hour passes", () => {
  render(<RelativeTime value="2026-11-26T12:00:00Z" />);
  expect(screen.getByText("in 2 hr.")).toBeTruthy();

  act(() => vi.advanceTimersByTime(90 * 60_000));
  expect(screen.getByText("in 30 min.")).toBeTruthy();
});

it("keeps a fixed now still, and shows a dash without a time", () => {
  const { rerender } = render(<RelativeTime value="2026-11-26T10:00:05Z" now={Date.parse("2026-11-26T10:00:00Z")} />);
  act(() => vi.advanceTimersByTime(3_000));
  expect(screen.getByText("in 5 sec.")).toBeTruthy();

  rerender(<RelativeTime value={null} />);
  expect(screen.getByText("—")).toBeTruthy();
});
