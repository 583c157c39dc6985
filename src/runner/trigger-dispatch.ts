import type pg from "pg";
import type { Dispatcher } from "./dispatch.ts";

export const UNIFIED_WORKFLOW_TASK = "unified-workflow";

/** The SDK loads on first use: a process that never dispatches (an export) stays ~45 MB lighter. */
const sdk = () => import("@trigger.dev/sdk");

/**
 * Dispatch to Trigger.dev (TRIGGER_SECRET_KEY set). One run per execution attempt: the
 * idempotency key makes a repeated dispatch return the same run. The run id is stored on the
 * execution; a dispatch that fails marks its execution failed with the reason, so nothing is
 * left pending forever and the execution can be retried.
 */
export const triggerDevDispatcher: Dispatcher = {
  runner: "trigger.dev",
  async inTransaction() {},
  async afterCommit(db: pg.Pool, executionIds: string[]) {
    const { rows } = await db.query<{ id: string; contact_id: string | null; flow_id: string; attempt: number }>(
      "select id, contact_id, flow_id, attempt from public.flow_executions where id = any($1::uuid[])",
      [executionIds],
    );
    await Promise.all(
      rows.map(async (execution) => {
        try {
          const { idempotencyKeys, tasks } = await sdk();
          // Global scope: the same execution attempt maps to the same run whoever dispatches it,
          // even from inside another task (the default scope mixes in the caller's run id).
          const idempotencyKey = await idempotencyKeys.create(`${execution.id}:${execution.attempt}`, {
            scope: "global",
          });
          const handle = await tasks.trigger(
            UNIFIED_WORKFLOW_TASK,
            { executionId: execution.id },
            {
              idempotencyKey,
              tags: [
                `execution:${execution.id}`,
                `flow:${execution.flow_id}`,
                ...(execution.contact_id ? [`contact:${execution.contact_id}`] : []),
              ],
            },
            // An unreachable API should not hold an enrollment answer for the SDK's default ~9 s of retries.
            { retry: { maxAttempts: 2 } },
          );
          await db.query("update public.flow_executions set trigger_run_id = $2 where id = $1", [
            execution.id,
            handle.id,
          ]);
        } catch (error) {
          const reason = `could not dispatch to Trigger.dev: ${error instanceof Error ? error.message : String(error)}`;
          await db.query(
            `update public.flow_executions set status = 'failed', error = $2, completed_at = now()
              where id = $1 and status = 'pending'`,
            [execution.id, reason],
          );
        }
      }),
    );
  },
  async cancelInTransaction() {},
  async cancelAfterCommit(runIds: string[]) {
    // The execution is already cancelled, and the task checks before every node; cancelling
    // the run just frees it sooner, so a failure here is logged, not raised.
    await Promise.all(
      runIds.map((id) =>
        sdk()
          .then(({ runs }) => runs.cancel(id))
          .catch((error: unknown) => {
            console.error(
              `could not cancel Trigger.dev run ${id}: ${error instanceof Error ? error.message : String(error)}`,
            );
          }),
      ),
    );
  },
};
