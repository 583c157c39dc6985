import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { Logger, type Runner, run, type WorkerEvents } from "graphile-worker";
import type pg from "pg";
import { runExecution } from "../engine/interpreter.ts";
import type { Messenger, Waiter } from "../engine/ports.ts";
import { executionJobKey, RUN_EXECUTION_TASK } from "./jobs.ts";
import { enginePorts } from "./ports.ts";

export interface LocalRunnerOptions {
  db: pg.Pool;
  connectionString: string;
  concurrency?: number;
  /** How often this runner proves it is alive, and how long silence means it died. */
  heartbeatMs?: number;
  deadAfterMs?: number;
  messenger?: Messenger;
  log?: (line: string) => void;
}

export interface LocalRunner {
  stop(): Promise<void>;
}

/**
 * Runs executions on graphile-worker, a real Postgres job queue: one job per run, a delay
 * becomes a job with a `run_at`, and job keys de-duplicate. A runner killed mid-job leaves its
 * job locked; live runners notice its heartbeat stopped and unlock the job, so it resumes.
 */
export async function startLocalRunner(options: LocalRunnerOptions): Promise<LocalRunner> {
  const { db } = options;
  const log = options.log ?? (() => {});
  const runnerId = randomUUID();
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const deadAfterMs = options.deadAfterMs ?? 15_000;
  let runner: Runner | undefined;

  const waiter: Waiter = {
    async until(executionId, date) {
      if (!runner) throw new Error("local runner is not started");
      await runner.addJob(RUN_EXECUTION_TASK, { executionId }, { runAt: date, jobKey: executionJobKey(executionId) });
      return "suspended";
    },
  };
  const ports = enginePorts(db, waiter, options.messenger);

  await db.query(`
    create schema if not exists local_runner;
    create table if not exists local_runner.workers (
      worker_id text primary key,
      runner_id uuid not null,
      heartbeat_at timestamptz not null default now()
    );
    create index if not exists workers_runner_idx on local_runner.workers (runner_id);`);

  // Jobs are locked by the pool's id (batched fetches) or a worker's: register both, before
  // run() starts taking jobs, so a reaper can always tell whose locks are orphaned.
  const events: WorkerEvents = new EventEmitter();
  const register = (lockerId: string) => {
    db.query("insert into local_runner.workers (worker_id, runner_id) values ($1, $2) on conflict do nothing", [
      lockerId,
      runnerId,
    ]).catch((error: Error) => log(`[runner] could not register ${lockerId}: ${error.message}`));
  };
  events.on("pool:create", ({ workerPool }) => register(workerPool.id));
  events.on("worker:create", ({ worker }) => register(worker.workerId));

  runner = await run({
    connectionString: options.connectionString,
    events,
    concurrency: options.concurrency ?? Number(process.env.RUNNER_CONCURRENCY ?? 24),
    noHandleSignals: true,
    pollInterval: 500,
    // Jobs are fetched and completed in batches: far fewer round trips per execution.
    preset: { worker: { localQueue: { size: 50 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    logger: new Logger(() => (level, message) => {
      if (level === "error" || level === "warning") log(`[runner] ${message}`);
    }),
    taskList: {
      [RUN_EXECUTION_TASK]: async (payload) => {
        const { executionId } = payload as { executionId: string };
        await runExecution(executionId, ports);
      },
    },
  });

  const heartbeat = setInterval(() => {
    beatAndReap(db, runnerId, deadAfterMs).catch((error: Error) => log(`[runner] heartbeat: ${error.message}`));
  }, heartbeatMs);
  await beatAndReap(db, runnerId, deadAfterMs);

  return {
    async stop() {
      clearInterval(heartbeat);
      await runner?.stop();
      await db.query("delete from local_runner.workers where runner_id = $1", [runnerId]).catch(() => {});
    },
  };
}

/** Refreshes this runner's heartbeat and unlocks jobs held by workers whose runner went silent. */
async function beatAndReap(db: pg.Pool, runnerId: string, deadAfterMs: number): Promise<void> {
  await db.query(
    `with beat as (
       update local_runner.workers set heartbeat_at = now() where runner_id = $1
     ), dead as (
       delete from local_runner.workers
        where runner_id <> $1 and heartbeat_at < now() - make_interval(secs => $2::float8 / 1000)
        returning worker_id
     )
     select graphile_worker.force_unlock_workers(array(select worker_id from dead))`,
    [runnerId, deadAfterMs],
  );
}
