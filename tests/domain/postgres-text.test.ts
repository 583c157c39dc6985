import { describe, expect, it } from "vitest";
import { nulCharacterPath } from "../../src/domain/postgres-text.ts";

describe("nulCharacterPath", () => {
  it("finds the first string holding U+0000, at any depth", () => {
    expect(nulCharacterPath("a\u0000")).toEqual([]);
    expect(nulCharacterPath({ a: 1, b: [{ c: "ok" }, { c: "x\u0000y" }] })).toEqual(["b", 1, "c"]);
    expect(nulCharacterPath([null, true, 3, ["\u0000"]])).toEqual([3, 0]);
  });

  it("names the object whose key holds it", () => {
    expect(nulCharacterPath({ filters: { "a\u0000": 1 } })).toEqual(["filters"]);
  });

  it("is undefined when nothing holds it, including the escaped text \\u0000", () => {
    expect(nulCharacterPath({ a: "\\u0000", b: [1, null, { c: "é😀" }] })).toBeUndefined();
    expect(nulCharacterPath(undefined)).toBeUndefined();
  });

  it("walks a value nested deeper than the call stack goes (a 1 MB body can nest 500,000 arrays)", () => {
    const depth = 400_000;
    const deep = JSON.parse(`${"[".repeat(depth)}"\\u0000"${"]".repeat(depth)}`);
    const path = nulCharacterPath(deep);
    expect(path).toHaveLength(depth);
    expect(path?.every((key) => key === 0)).toBe(true);
    expect(nulCharacterPath(JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`))).toBeUndefined();
  });
});
