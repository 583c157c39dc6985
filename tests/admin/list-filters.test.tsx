// @vitest-environment jsdom

import { cleanup, render, screen } from "@testing-library/react";
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
