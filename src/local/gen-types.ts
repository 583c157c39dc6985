import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { migrate } from "./migrate.ts";
import { freePort } from "./ports.ts";
import { startPostgres } from "./postgres.ts";

/**
 * Generates `Database` types the way `supabase gen types typescript --local` does:
 * postgres-meta's generator, run against a throwaway database migrated from scratch.
 */
export async function generateDatabaseTypes(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), "flow-admin-types-"));
  const postgres = await startPostgres(dataDir, await freePort(), () => {});
  try {
    await migrate(postgres.url, { seed: false });
    return await runPostgresMeta(postgres.url);
  } finally {
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function runPostgresMeta(databaseUrl: string): Promise<string> {
  const pkg = dirname(createRequire(import.meta.url).resolve("@supabase/postgres-meta/package.json"));
  const child = spawn(process.execPath, [join(pkg, "dist/server/server.js")], {
    env: {
      PATH: process.env.PATH ?? "",
      PG_META_DB_URL: databaseUrl,
      PG_META_GENERATE_TYPES: "typescript",
      PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: "public",
      PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`postgres-meta failed (${code}): ${err}`)),
    );
  });
}
