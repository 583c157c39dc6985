// @vitest-environment jsdom

import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { DateRangeFilter } from "../../src/admin/components/date-range-filter.tsx";
import { installBrowserStubs } from "../support/jsdom.ts";

beforeAll(installBrowserStubs);
afterEach(cleanup);

const picker = (container: HTMLElement) => container.querySelector(".ant-picker-range");

it("shows a stand-in until the pointer reaches it, then antd's range picker", async () => {
  const { container } = render(<DateRangeFilter from={undefined} to={undefined} onChange={() => {}} />);
  const standIn = screen.getByLabelText("Date range");
  expect(standIn.getAttribute("placeholder")).toBe("Start date → End date");
  expect(picker(container)).toBeNull();

  fireEvent.mouseEnter(standIn);
  await waitFor(() => expect(picker(container)).not.toBeNull());
  expect(screen.queryByPlaceholderText("Start date → End date")).toBeNull();
});

it("loads the picker at once for a range in the URL, showing its days", async () => {
  const { container } = render(
    <DateRangeFilter from="2026-01-05T00:00:00.000Z" to="2026-01-07T12:00:00.000Z" onChange={() => {}} />,
  );
  await waitFor(() => expect(picker(container)).not.toBeNull());
  const inputs = [...container.querySelectorAll<HTMLInputElement>(".ant-picker-range input")];
  expect(inputs.map((input) => input.value)).toEqual(["2026-01-05", "2026-01-07"]);
});

it("hands focus to the picker, and a picked range becomes whole days", async () => {
  const onChange = vi.fn();
  const { container } = render(<DateRangeFilter from={undefined} to={undefined} onChange={onChange} />);
  fireEvent.focus(screen.getByLabelText("Date range"));
  await waitFor(() => expect(picker(container)).not.toBeNull());
  const [start, end] = [...container.querySelectorAll<HTMLInputElement>(".ant-picker-range input")];
  await waitFor(() => expect(document.activeElement).toBe(start));

  fireEvent.change(start as HTMLInputElement, { target: { value: "2026-01-05" } });
  fireEvent.keyDown(start as HTMLInputElement, { key: "Enter" });
  fireEvent.change(end as HTMLInputElement, { target: { value: "2026-01-07" } });
  fireEvent.keyDown(end as HTMLInputElement, { key: "Enter" });
  await waitFor(() =>
    expect(onChange).toHaveBeenLastCalledWith({
      from: new Date(2026, 0, 5, 0, 0, 0, 0).toISOString(),
      to: new Date(2026, 0, 7, 23, 59, 59, 999).toISOString(),
    }),
  );
});
