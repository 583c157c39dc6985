// @vitest-environment jsdom

import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeAll, expect, it } from "vitest";
import { ListFilters } from "../../src/admin/components/list-filters.tsx";
import { installBrowserStubs } from "../support/jsdom.ts";

beforeAll(installBrowserStubs);
afterEach(cleanup);

it("shows the search the URL holds, also after Back changes it", () => {
  const onChange = () => {};
  const { rerender } = render(<ListFilters kind="enrollments" filters={{ search: "silva" }} onChange={onChange} />);
  const box = () => screen.getByLabelText("Search contacts") as HTMLInputElement;
  expect(box().value).toBe("silva");

  rerender(<ListFilters kind="enrollments" filters={{}} onChange={onChange} />);
  expect(box().value).toBe("");
  rerender(<ListFilters kind="enrollments" filters={{ search: "rossi" }} onChange={onChange} />);
  expect(box().value).toBe("rossi");
});

it("searches what is typed, trimmed, and keeps the box focused for the next search", () => {
  const searched: unknown[] = [];
  const onChange = (filters: { search?: string }) => searched.push(filters.search);
  const { rerender } = render(<ListFilters kind="enrollments" filters={{}} onChange={onChange} />);
  const box = screen.getByLabelText("Search contacts") as HTMLInputElement;
  box.focus();
  fireEvent.change(box, { target: { value: "  silva " } });
  fireEvent.keyDown(box, { key: "Enter", code: "Enter", keyCode: 13 });
  fireEvent.keyUp(box, { key: "Enter", code: "Enter", keyCode: 13 });
  expect(searched).toEqual(["silva"]);

  // The list re-renders with the URL's new term: the same box, still focused.
  rerender(<ListFilters kind="enrollments" filters={{ search: "silva" }} onChange={onChange} />);
  expect(screen.getByLabelText("Search contacts")).toBe(box);
  expect(document.activeElement).toBe(box);
});

it("searches what was typed when the box is left, so it never shows a term the list ignores", () => {
  const searched: unknown[] = [];
  const onChange = (filters: { search?: string }) => searched.push(filters.search);
  const { rerender } = render(<ListFilters kind="enrollments" filters={{}} onChange={onChange} />);
  const box = screen.getByLabelText("Search contacts") as HTMLInputElement;
  fireEvent.change(box, { target: { value: "nora" } });
  fireEvent.blur(box);
  expect(searched).toEqual(["nora"]);

  // Left again with the term the URL already holds: nothing to search.
  rerender(<ListFilters kind="enrollments" filters={{ search: "nora" }} onChange={onChange} />);
  fireEvent.blur(box);
  expect(searched).toEqual(["nora"]);
});
