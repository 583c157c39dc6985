import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { generateDatabaseTypes } from "../../src/local/gen-types.ts";

describe("src/domain/database.types.ts", () => {
  it("is what `npm run gen:types` generates from the current migrations", async () => {
    const committed = await readFile(new URL("../../src/domain/database.types.ts", import.meta.url), "utf8");
    expect(committed, "types are stale: run `npm run gen:types`").toBe(await generateDatabaseTypes());
  }, 60_000);
});
