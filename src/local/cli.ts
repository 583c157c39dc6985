/**
 * `npm start`: the embedded Supabase-shaped stack plus the admin, on loopback.
 * With SUPABASE_URL set, only the admin starts, pointed at that project.
 */
import { join } from "node:path";
import { DEMO_LOGIN, LOCAL_ADMIN_PORT, LOCAL_API_PORT, LOCAL_DB_PORT } from "../config/local-supabase.ts";
import { type LocalStack, startStack } from "./stack.ts";

const root = new URL("../../", import.meta.url).pathname;
const withAdmin = !process.argv.includes("--no-admin");
const verbose = process.argv.includes("--verbose");

/** What to stop on Ctrl-C, filled in as parts come up, so a signal during boot cleans up too. */
const running: { stop: () => Promise<void> }[] = [];
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n  ${signal}: stopping…`);
  for (const part of running.reverse()) await part.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

async function main() {
  const began = performance.now();
  const external = process.env.SUPABASE_URL;
  let stack: LocalStack | undefined;
  let demoExecutions = 0;

  if (!external) {
    stack = await startStack({
      dataDir: process.env.LOCAL_DATA_DIR ?? join(root, ".data", "postgres"),
      apiPort: Number(process.env.LOCAL_API_PORT ?? LOCAL_API_PORT),
      dbPort: Number(process.env.LOCAL_DB_PORT ?? LOCAL_DB_PORT),
      log: verbose ? (line) => console.log(line) : () => {},
      notice: (line) => console.error(`  ${line}`),
    });
    running.push(stack);
    if (stack.migrations.seeded) {
      const { createDemoHistory } = await import("./demo-history.ts");
      demoExecutions = await createDemoHistory(stack.apiUrl, stack.anonKey, stack.db);
    }
  }

  const apiUrl = external ?? stack?.apiUrl ?? "";
  const anonKey = external ? process.env.SUPABASE_ANON_KEY : stack?.anonKey;
  if (!anonKey)
    throw new Error("SUPABASE_URL is set without SUPABASE_ANON_KEY: the admin needs the project's anon key too");
  let adminUrl: string | undefined;
  if (withAdmin) {
    const { startAdmin } = await import("./admin-server.ts");
    const admin = await startAdmin({ apiUrl, anonKey, port: Number(process.env.ADMIN_PORT ?? LOCAL_ADMIN_PORT) });
    running.push(admin);
    adminUrl = admin.url;
  }

  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  const lines = [
    "",
    `  Flow executions admin is ready (${seconds} s${stack ? (stack.fresh ? ", fresh database" : ", existing data") : ""})`,
    "",
    `  API URL      ${apiUrl}`,
    ...(stack
      ? [`  DB URL       ${stack.dbUrl}`, `  anon key     ${stack.anonKey}`, `  service_role ${stack.serviceRoleKey}`]
      : []),
    ...(adminUrl ? [`  Admin        ${adminUrl}`] : []),
    ...(stack ? [`  Demo login   ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`] : []),
    ...(stack?.migrations.applied.length ? [`  Migrations   applied ${stack.migrations.applied.join(", ")}`] : []),
    ...(demoExecutions ? [`  Demo data    ${demoExecutions} executions enrolled through the engine`] : []),
    "",
    "  Ctrl-C stops everything.",
    "",
  ];
  console.log(lines.join("\n"));
}

main().catch((error: unknown) => {
  console.error(`\n  Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
