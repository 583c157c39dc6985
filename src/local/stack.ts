import pg from "pg";
import { LOCAL_ANON_KEY, LOCAL_JWT_SECRET, LOCAL_SERVICE_ROLE_KEY } from "../config/local-supabase.ts";
import { chooseDispatcher } from "../runner/choose-dispatcher.ts";
import { type LocalRunner, startLocalRunner } from "../runner/local-runner.ts";
import { authRoutes } from "./auth/routes.ts";
import { TokenIssuer } from "./auth/tokens.ts";
import { UserStore } from "./auth/users.ts";
import { ChildrenOnExit } from "./children-on-exit.ts";
import { functionsRoute } from "./functions.ts";
import { type RouteHandler, startGateway } from "./gateway.ts";
import { keepRunning } from "./keep-running.ts";
import { type MigrationReport, migrate } from "./migrate.ts";
import { assertPortFree, freePort } from "./ports.ts";
import { postmasterPid, processEnded, startPostgres } from "./postgres.ts";
import { startPostgrest } from "./postgrest.ts";
import { startRealtime } from "./realtime/server.ts";

export interface StackOptions {
  dataDir: string;
  apiPort: number;
  dbPort: number;
  log?: (line: string) => void;
  /** Where to say what a user should know even without service logs (a service restarted). Default: `log`. */
  notice?: (line: string) => void;
  /** Run executions in this process (graphile-worker). Default true. */
  runner?: boolean;
}

export interface LocalStack {
  apiUrl: string;
  /** PostgREST itself, behind the gateway (for diagnostics: clients use apiUrl). */
  postgrestUrl: string;
  /** Superuser connection string (`postgres`/`postgres`). */
  dbUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  /** Where Postgres keeps its files (see reachableDataDir for when it differs from the option). */
  dataDir: string;
  fresh: boolean;
  migrations: MigrationReport;
  /** Shared admin pool for in-process services (functions, runner). */
  db: pg.Pool;
  pids: { postgres: number | undefined; postgrest: number | undefined };
  /** Mounts another route prefix on the gateway (functions, realtime). */
  mount(prefix: string, handler: RouteHandler): void;
  stop(): Promise<void>;
}

/** Boots Postgres, applies migrations and seed, then PostgREST and the gateway, in that order. */
export async function startStack(options: StackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => {});
  await assertPortFree(options.apiPort, "API gateway");
  await assertPortFree(options.dbPort, "PostgreSQL");

  const notice = options.notice ?? log;
  const keptPostgres = await keepRunning({
    name: "postgres",
    start: () => startPostgres(options.dataDir, options.dbPort, log),
    ended: (running) => processEnded(running.pid),
    stop: (running) => running.stop(),
    notice,
  });
  // What does not change when Postgres is started again: its URLs, its data dir.
  const postgres = keptPostgres.current();
  const children = new ChildrenOnExit();
  // Postgres's fast shutdown; by its pid file, which names a restarted postmaster from its start.
  children.add(() => postmasterPid(postgres.dataDir), "SIGINT");
  const stops: (() => Promise<void>)[] = [() => keptPostgres.stop()];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => log(`[stack] stop failed: ${String(e)}`));
    children.release();
  };

  try {
    const migrations = await migrate(postgres.url, { seed: true });
    const db = new pg.Pool({ connectionString: postgres.localUrl, max: 30 });
    // pg-pool resolves end() before its sockets close; Postgres shutting down then errors them.
    db.on("error", (error) => log(`[stack] database pool: ${error.message}`));
    stops.push(() => db.end());

    const postgrest = await startPostgrest({
      dbUrl: `postgresql://authenticator:postgres@127.0.0.1:${options.dbPort}/postgres`,
      port: await freePort(),
      jwtSecret: LOCAL_JWT_SECRET,
      log,
      notice,
    });
    stops.push(() => postgrest.stop());
    children.add(() => postgrest.pid, "SIGTERM");

    let runner: LocalRunner | undefined;
    if (options.runner !== false) {
      runner = await startLocalRunner({ db, connectionString: postgres.localUrl, log });
      stops.push(() => (runner as LocalRunner).stop());
    }

    const apiUrl = `http://127.0.0.1:${options.apiPort}`;
    const routes: Record<string, RouteHandler> = {
      "/functions/v1": functionsRoute({ db, tokenKeys: { secret: LOCAL_JWT_SECRET }, dispatcher: chooseDispatcher() }),
    };
    const gateway = await startGateway({
      port: options.apiPort,
      apiKeys: [LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY],
      postgrestUrl: postgrest.url,
      auth: authRoutes(new UserStore(db), new TokenIssuer(LOCAL_JWT_SECRET, `${apiUrl}/auth/v1`)),
      routes,
      log,
    });
    stops.push(() => gateway.stop());

    // Stopped before the gateway and Postgres: its sockets and replication slot end first.
    const realtime = await startRealtime({
      server: gateway.server,
      dbUrl: postgres.url,
      jwtSecret: LOCAL_JWT_SECRET,
      apiKeys: [LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY],
      log,
    });
    stops.push(() => realtime.stop());

    return {
      apiUrl,
      postgrestUrl: postgrest.url,
      dbUrl: postgres.url,
      anonKey: LOCAL_ANON_KEY,
      serviceRoleKey: LOCAL_SERVICE_ROLE_KEY,
      jwtSecret: LOCAL_JWT_SECRET,
      dataDir: postgres.dataDir,
      fresh: postgres.fresh,
      migrations,
      db,
      pids: {
        get postgres() {
          return keptPostgres.current().pid;
        },
        get postgrest() {
          return postgrest.pid;
        },
      },
      mount(prefix, handler) {
        routes[prefix] = handler;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
