import type pg from "pg";
import { JOB_KEY_PREFIX, RUN_EXECUTION_TASK } from "./jobs.ts";

export type RunnerName = "trigger.dev" | "local";

/**
 * Starts runs for executions that were just written. The local queue enqueues inside the
 * same transaction (an execution and its job commit together); Trigger.dev is called after
 * the commit, so a task never starts before its execution exists.
 */
export interface Dispatcher {
  runner: RunnerName;
  inTransaction(tx: pg.ClientBase, executionIds: string[]): Promise<void>;
  afterCommit(db: pg.Pool, executionIds: string[]): Promise<void>;
  /** Stops what was queued for cancelled executions: local jobs in the transaction, remote runs after. */
  cancelInTransaction(tx: pg.ClientBase, executionIds: string[]): Promise<void>;
  cancelAfterCommit(runIds: string[]): Promise<void>;
}

export const localDispatcher: Dispatcher = {
  runner: "local",
  async inTransaction(tx, executionIds) {
    if (executionIds.length === 0) return;
    // One batch call: add_job per row costs a round of locking per job.
    await tx.query(
      `select graphile_worker.add_jobs(array(
         -- job_spec: identifier, payload, queue_name, run_at, max_attempts, job_key, priority, flags
         select row($1, json_build_object('executionId', id), null, null, null, $3 || id, null, null)::graphile_worker.job_spec
           from unnest($2::uuid[]) as id))`,
      [RUN_EXECUTION_TASK, executionIds, JOB_KEY_PREFIX],
    );
  },
  async afterCommit() {},
  async cancelInTransaction(tx, executionIds) {
    if (executionIds.length === 0) return;
    // A delayed execution's job is still queued; a running one's is locked and left alone.
    await tx.query("select graphile_worker.remove_job($2 || id) from unnest($1::uuid[]) as id", [
      executionIds,
      JOB_KEY_PREFIX,
    ]);
  },
  async cancelAfterCommit() {},
};
