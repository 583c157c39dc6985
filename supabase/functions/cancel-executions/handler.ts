import { requireUser } from "../_shared/auth.ts";
import { type FunctionHandler, inTransaction } from "../_shared/deps.ts";
import { authorizeExecutions, executionIdsSchema, type RowOutcome } from "../_shared/executions.ts";
import { FunctionError, json, readJsonBody, respond } from "../_shared/http.ts";
import { parseBody, requestBody } from "../_shared/validation.ts";

export const cancelRequestSchema = requestBody({ executionIds: executionIdsSchema });

/**
 * POST /functions/v1/cancel-executions: pending and running executions become cancelled, and
 * the step each was on is closed as skipped ("execution cancelled").
 * The runner re-checks the status before every node, so a run in flight stops before its
 * next one; a queued local job is removed and a Trigger.dev run is cancelled as well.
 */
export const cancelExecutions: FunctionHandler = (req, deps) =>
  respond(async () => {
    if (req.method !== "POST") throw new FunctionError(405, "use POST");
    const { userId } = await requireUser(req, deps.tokenKeys);
    const body = parseBody(cancelRequestSchema, await readJsonBody(req));
    const ids = [...new Set(body.executionIds)];
    const owned = await authorizeExecutions(deps.db, userId, ids);

    const cancelled = await inTransaction(deps.db, async (tx) => {
      const { rows } = await tx.query<{ id: string; trigger_run_id: string | null }>(
        `update public.flow_executions
            set status = 'cancelled', completed_at = now(), next_execution_at = null
          where id = any($1::uuid[]) and status in ('pending', 'running')
          returning id, trigger_run_id`,
        [[...owned.keys()]],
      );
      // The step a run was on (a delay waiting, a send in flight) ends with the execution: left
      // `running`, it would show in the logs and on the diagram as running for ever. A send
      // already in flight may still finish; its outcome then replaces this one, as it happened.
      await tx.query(
        `update public.flow_execution_steps
            set status = 'skipped', completed_at = greatest(now(), started_at),
                result = coalesce(result, '{}'::jsonb) || '{"reason": "execution cancelled"}'::jsonb
          where execution_id = any($1::uuid[]) and status in ('pending', 'running')`,
        [rows.map((r) => r.id)],
      );
      await deps.dispatcher.cancelInTransaction(
        tx,
        rows.map((r) => r.id),
      );
      return rows;
    });
    await deps.dispatcher.cancelAfterCommit(cancelled.flatMap((r) => (r.trigger_run_id ? [r.trigger_run_id] : [])));

    const done = new Set(cancelled.map((r) => r.id));
    const results: RowOutcome[] = ids.map((id) => {
      if (done.has(id)) return { id, outcome: "cancelled" };
      const row = owned.get(id);
      if (!row) return { id, outcome: "skipped", reason: "not found" };
      return {
        id,
        outcome: "skipped",
        reason: `status is ${row.status}: only pending or running executions can be cancelled`,
      };
    });
    return json(200, { results });
  });
