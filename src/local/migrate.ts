import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";

export const SUPABASE_DIR = new URL("../../supabase/", import.meta.url).pathname;
const BOOTSTRAP_SQL = new URL("./sql/bootstrap.sql", import.meta.url).pathname;
const SEED_PATH = "supabase/seed.sql";

export interface MigrationReport {
  applied: string[];
  seeded: boolean;
}

/**
 * Brings a database to the project's schema the way the Supabase CLI does:
 * migration files in name order, each in its own transaction, recorded in
 * `supabase_migrations.schema_migrations`; the seed runs once on a fresh database.
 */
export async function migrate(databaseUrl: string, options: { seed: boolean }): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(await readFile(BOOTSTRAP_SQL, "utf8"));
    const applied = await applyMigrations(client);
    const seeded = options.seed ? await seedOnce(client) : false;
    if (applied.length > 0 || seeded) await client.query("notify pgrst, 'reload schema'");
    return { applied, seeded };
  } finally {
    await client.end();
  }
}

export async function migrationFiles(): Promise<{ version: string; name: string; file: string }[]> {
  const dir = join(SUPABASE_DIR, "migrations");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".sql")).sort();
  return names.map((file) => {
    const match = /^(\d+)_(.+)\.sql$/.exec(file);
    if (!match) throw new Error(`Migration file ${file} must be named <timestamp>_<name>.sql`);
    return { version: match[1] as string, name: match[2] as string, file: join(dir, file) };
  });
}

async function applyMigrations(client: pg.Client): Promise<string[]> {
  const done = new Set(
    (await client.query<{ version: string }>("select version from supabase_migrations.schema_migrations")).rows.map(
      (r) => r.version,
    ),
  );
  const applied: string[] = [];
  for (const migration of await migrationFiles()) {
    if (done.has(migration.version)) continue;
    const sql = await readFile(migration.file, "utf8");
    await inTransaction(client, async () => {
      await client.query(sql);
      await client.query(
        "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, array[$3])",
        [migration.version, migration.name, sql],
      );
    }).catch((error: Error) => {
      throw new Error(`Migration ${migration.version}_${migration.name} failed: ${error.message}`);
    });
    applied.push(`${migration.version}_${migration.name}`);
  }
  return applied;
}

async function seedOnce(client: pg.Client): Promise<boolean> {
  const seeded = await client.query("select 1 from supabase_migrations.seed_files where path = $1", [SEED_PATH]);
  if (seeded.rowCount) return false;
  const sql = await readFile(join(SUPABASE_DIR, "seed.sql"), "utf8");
  const hash = createHash("sha256").update(sql).digest("hex");
  await inTransaction(client, async () => {
    await client.query(sql);
    await client.query("insert into supabase_migrations.seed_files (path, hash) values ($1, $2)", [SEED_PATH, hash]);
  });
  return true;
}

async function inTransaction(client: pg.Client, work: () => Promise<void>): Promise<void> {
  await client.query("begin");
  try {
    await work();
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
}
