import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { toNamePathStr } from "../../vite/shims/radio-group-name-path.ts";
import { StorageClient } from "../../vite/shims/storage-js.ts";
import { flattenKeys } from "../../vite/shims/table-filter-dropdown.ts";

// The production build replaces these dependencies (vite.config.ts, vite/narrow-imports.ts);
// tests/e2e/production-build.test.ts runs that build. Here, each shim against the contract its
// importer relies on.
const require = createRequire(import.meta.url);
const getSideChannel = require("../../vite/shims/side-channel.cjs") as () => {
  assert(key: unknown): void;
  delete(key: unknown): boolean;
  get(key: unknown): unknown;
  has(key: unknown): boolean;
  set(key: unknown, value: unknown): void;
};

describe("the side-channel shim (qs's cycle and overflow tracking)", () => {
  it("keeps a value per object key and per primitive key, each channel its own", () => {
    const channel = getSideChannel();
    const other = getSideChannel();
    const key = {};
    channel.set(key, 1);
    channel.set("sentinel", 2);
    expect([channel.get(key), channel.get("sentinel"), channel.has(key), other.has(key)]).toEqual([1, 2, true, false]);
    expect(() => channel.assert(key)).not.toThrow();
    expect(channel.delete(key)).toBe(true);
    expect(channel.has(key)).toBe(false);
    expect(() => channel.assert(key)).toThrow(TypeError);
  });
});

describe("the storage-js stand-in", () => {
  it("constructs, as supabase-js does for every client, and says why it cannot be used", () => {
    const storage = new StorageClient();
    expect(() => storage.from()).toThrow(/not bundled with the admin/);
  });
});

describe("Radio.Group's name-path helper", () => {
  it("derives the same id as antd's own, from any form field name", async () => {
    const { toNamePathStr: antds } = await import("antd/es/form/hooks/useForm.js");
    for (const name of [undefined, false, "plan", 3, ["contact", 0, "email"], []] as const) {
      expect(toNamePathStr(name as never)).toBe(antds(name as never));
    }
  });
});

describe("the Table column-filter stand-in", () => {
  it("fails loudly for a column that declares filters", () => {
    expect(() => flattenKeys()).toThrow(/column filters are not bundled/);
  });
});
