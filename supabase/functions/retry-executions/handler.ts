import type pg from "pg";
import { z } from "zod";
import { describeProblems, validateFlowDefinition } from "../../../src/domain/flow-definition.ts";
import type { EnrollmentReason } from "../../../src/domain/statuses.ts";
import { buildMetadata, type ExecutionMetadata } from "../../../src/engine/metadata.ts";
import { requireUser } from "../_shared/auth.ts";
import { type FunctionDeps, type FunctionHandler, inTransaction } from "../_shared/deps.ts";
import { authorizeExecutions, executionIdsSchema, type RowOutcome } from "../_shared/executions.ts";
import { FunctionError, json, readJsonBody, respond } from "../_shared/http.ts";
import { parseBody, requestBody } from "../_shared/validation.ts";

export const RETRY_MODES = ["failed-step", "restart"] as const;
export type RetryMode = (typeof RETRY_MODES)[number];

export const retryRequestSchema = requestBody({
  executionIds: executionIdsSchema,
  mode: z.enum(RETRY_MODES, { error: `mode must be one of ${RETRY_MODES.join(", ")}` }),
});

type Outcome = RowOutcome & { outcome: "retried" | "skipped" };

/**
 * POST /functions/v1/retry-executions. Only failed executions are retried, each attempt
 * once however many requests race for it: `failed-step` moves the execution itself to its
 * next attempt (finished steps are kept and not repeated); `restart` creates a new execution
 * (`retry_of` the original) on the flow's current definition. Every retry starts a new run.
 */
export const retryExecutions: FunctionHandler = (req, deps) =>
  respond(async () => {
    if (req.method !== "POST") throw new FunctionError(405, "use POST");
    const { userId } = await requireUser(req, deps.tokenKeys);
    const body = parseBody(retryRequestSchema, await readJsonBody(req));
    const ids = [...new Set(body.executionIds)];
    const owned = await authorizeExecutions(deps.db, userId, ids);

    const results: Outcome[] = [];
    for (const id of ids) {
      if (!owned.has(id)) {
        results.push(notFound(id));
        continue;
      }
      results.push(body.mode === "failed-step" ? await retryFromFailedStep(deps, id) : await restart(deps, id, userId));
    }
    return json(200, { results });
  });

async function retryFromFailedStep(deps: FunctionDeps, id: string): Promise<Outcome> {
  const result = await inTransaction(deps.db, async (tx): Promise<Outcome> => {
    const checked = await lockRetryable(tx, id);
    if ("skipped" in checked) return checked.skipped;
    await tx.query(
      `update public.flow_executions
          set status = 'pending', attempt = attempt + 1, error = null, completed_at = null, result = null,
              next_execution_at = null, trigger_run_id = null
        where id = $1`,
      [id],
    );
    await deps.dispatcher.inTransaction(tx, [id]);
    return { id, outcome: "retried", executionId: id };
  });
  if (result.outcome === "retried") await deps.dispatcher.afterCommit(deps.db, [id]);
  return result;
}

async function restart(deps: FunctionDeps, id: string, userId: string): Promise<Outcome> {
  const result = await inTransaction(deps.db, async (tx): Promise<Outcome> => {
    const checked = await lockRetryable(tx, id);
    if ("skipped" in checked) return checked.skipped;
    const { original } = checked;
    const { rows: flows } = await tx.query<{ id: string; name: string; status: string; definition: unknown }>(
      "select id, name, status, definition from public.flows where id = $1",
      [original.flow_id],
    );
    const flow = flows[0];
    if (flow?.status !== "active") {
      return { id, outcome: "skipped", reason: `flow is ${flow?.status ?? "gone"}, not active` };
    }
    const check = validateFlowDefinition(flow.definition);
    if (!check.ok) return { id, outcome: "skipped", reason: `flow is invalid: ${describeProblems(check.problems)}` };
    const { rows: contacts } = await tx.query<{
      id: string;
      name: string;
      email: string | null;
      phone: string | null;
      tags: string[];
    }>("select id, name, email, phone, tags from public.contacts where id = $1", [original.contact_id]);
    const contact = contacts[0];
    if (!contact) return { id, outcome: "skipped", reason: "the contact no longer exists" };

    const metadata = buildMetadata({
      isTest: original.is_test,
      contact,
      reason: original.enrollment_reason,
      source: original.metadata.trigger?.source ?? "retry",
      initiatedBy: userId,
      workspaceId: original.workspace_id,
      flow: { id: flow.id, name: flow.name, definition: check.definition },
    });
    const { rows: created } = await tx.query<{ id: string }>(
      `insert into public.flow_executions
         (flow_id, workspace_id, contact_id, status, enrollment_reason, is_test, metadata, retry_of)
       values ($1, $2, $3, 'pending', $4, $5, $6, $7) returning id`,
      [flow.id, original.workspace_id, contact.id, original.enrollment_reason, original.is_test, metadata, id],
    );
    const newId = (created[0] as { id: string }).id;
    await deps.dispatcher.inTransaction(tx, [newId]);
    return { id, outcome: "retried", executionId: newId };
  });
  if (result.outcome === "retried" && result.executionId) {
    await deps.dispatcher.afterCommit(deps.db, [result.executionId]);
  }
  return result;
}

interface OriginalExecution {
  status: string;
  flow_id: string;
  workspace_id: string;
  contact_id: string | null;
  enrollment_reason: EnrollmentReason;
  is_test: boolean;
  metadata: ExecutionMetadata;
}

/**
 * Row lock (no key update: the steps the engine inserts for the execution still may key-share
 * it): concurrent retries of one execution, in either mode, queue here; each then reads
 * (its next statement sees what the one before it committed) whether it is still failed and
 * not yet restarted.
 */
async function lockOriginal(tx: pg.PoolClient, id: string): Promise<OriginalExecution | undefined> {
  const { rows } = await tx.query<OriginalExecution>(
    `select status, flow_id, workspace_id, contact_id, enrollment_reason, is_test, metadata
       from public.flow_executions where id = $1 for no key update`,
    [id],
  );
  return rows[0];
}

/**
 * Either mode's first step: the execution locked, if it may be retried, or why not. A failed
 * attempt is retried once: one that went on as a new execution (a restart) is not resumed or
 * restarted again, which would run the contact through the flow twice.
 */
async function lockRetryable(
  tx: pg.PoolClient,
  id: string,
): Promise<{ original: OriginalExecution } | { skipped: Outcome }> {
  const original = await lockOriginal(tx, id);
  if (!original) return { skipped: notFound(id) };
  if (original.status !== "failed") return { skipped: notFailed(id, original.status) };
  const { rows } = await tx.query<{ id: string }>("select id from public.flow_executions where retry_of = $1 limit 1", [
    id,
  ]);
  const restartedAs = rows[0]?.id;
  if (restartedAs)
    return { skipped: { id, outcome: "skipped", reason: "already restarted", executionId: restartedAs } };
  return { original };
}

function notFound(id: string): Outcome {
  return { id, outcome: "skipped", reason: "not found" };
}

function notFailed(id: string, status: string): Outcome {
  return { id, outcome: "skipped", reason: `status is ${status}: only failed executions can be retried` };
}
