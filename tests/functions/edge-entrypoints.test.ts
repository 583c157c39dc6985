import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The functions run on Node here and on Deno as Supabase Edge Functions. Node resolves their
 * imports through package.json; Deno through supabase/functions/deno.json alone, so a package
 * missing there passes every other test and fails only on deploy (pg-copy-streams did).
 */
const root = new URL("../../", import.meta.url).pathname;
const functionsDir = join(root, "supabase/functions");
const denoConfig = JSON.parse(readFileSync(join(functionsDir, "deno.json"), "utf8")) as {
  imports: Record<string, string>;
};
const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
};
const entrypoints = readdirSync(functionsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
  .map((entry) => `${entry.name}/index.ts`);

function runDeno(args: string[]) {
  return spawnSync(join(root, "node_modules/.bin/deno"), args, {
    cwd: functionsDir,
    encoding: "utf8",
    // Its npm cache beside npm's own, so a second run downloads nothing.
    env: { ...process.env, DENO_DIR: join(root, "node_modules/.cache/deno"), NO_COLOR: "1" },
    timeout: 240_000,
  });
}

describe("the Edge Functions on Deno", () => {
  it("resolve every import of every function through deno.json (Deno's own resolver)", () => {
    expect(entrypoints.length).toBeGreaterThanOrEqual(5);
    const deno = runDeno(["install", "--no-lock", "--config", "deno.json", "--entrypoint", ...entrypoints]);
    expect(deno.stderr.split("\n").filter((line) => line.startsWith("error"))).toEqual([]);
    expect(deno.status).toBe(0);
  }, 300_000);

  it("type-check with Deno's own types (Deno.serve, Deno.env, the npm packages' as Deno loads them)", () => {
    // npm:pg ships no types (Node's check reads @types/pg), so on Deno every pg result is `any`:
    // that alone is let through; every other error fails.
    const config = join(mkdtempSync(join(tmpdir(), "deno-check-")), "deno.json");
    writeFileSync(config, JSON.stringify({ ...denoConfig, compilerOptions: { noImplicitAny: false } }));
    const deno = runDeno(["check", "--no-lock", "--config", config, ...entrypoints]);
    expect(deno.stderr.split("\n").filter((line) => /^(TS\d+ )?\[?error/i.test(line))).toEqual([]);
    expect(deno.status).toBe(0);
  }, 300_000);

  it("pin in deno.json the versions package.json pins", () => {
    const differing = Object.entries(denoConfig.imports)
      .map(([name, target]) => [name, /^npm:(?:@[^/]+\/)?[^@]+@(.+)$/.exec(target)?.[1]] as const)
      .filter(([name, version]) => version !== packageJson.dependencies[name]);
    expect(differing).toEqual([]);
  });
});
