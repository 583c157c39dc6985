import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { StorageClient } from "../../vite/shims/storage-js.ts";

// The production build replaces these dependencies (vite.config.ts); the e2e tests run that
// build. Here, each shim against the contract its importer relies on.
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
