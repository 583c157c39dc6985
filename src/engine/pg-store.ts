import type pg from "pg";
import type { FlowNode } from "../domain/flow-definition.ts";
import type { ExecutionStatus } from "../domain/statuses.ts";
import { stepTimestamp } from "./clock.ts";
import type { ExecutionMetadata } from "./metadata.ts";
import type { CapturedMessage, ExecutionStore, LoadedExecution, StepOutcome, StepRecord } from "./ports.ts";

/** Step writes held until the execution's next statement (see PgExecutionStore). */
interface PendingWrites {
  /** When this run loaded a still-pending execution: its started_at, set by the first write. */
  startedAt?: string;
  /** Steps that were started (running) and have now succeeded. */
  finish: { node_id: string; attempt: number; result: Record<string, unknown>; at: string }[];
  /** Steps that start and finish at once: nodes without effects, and skipped nodes. */
  record: {
    node_id: string;
    node_type: string;
    status: "success" | "skipped";
    attempt: number;
    result: Record<string, unknown>;
    at: string;
  }[];
  /** Outbox messages of sends that happened since the last write. */
  capture: (Omit<CapturedMessage, "executionId"> & { at: string })[];
}

const noWrites = (): PendingWrites => ({ finish: [], record: [], capture: [] });

/**
 * What a run may still write to: its execution, pending or running, at the attempt the run
 * belongs to (a leftover run of an earlier attempt writes nothing to a retry's). The run's
 * first write starts a pending execution.
 */
const RUNNABLE = "status in ('pending', 'running') and attempt = (select (p ->> 'attempt')::int from pending)";

/**
 * The first write of a run sets started_at: to the time the run loaded the execution, by the
 * engine's clock, but never later than the database's now (a fast clock on a worker must not
 * put the start after the completed_at the database stamps).
 */
const STARTED_AT =
  "started_at = coalesce(started_at, least((select (p ->> 'startedAt')::timestamptz from pending), now()), now())";

/**
 * Writes an execution's pending step writes inside the statement that carries them (the
 * parameter is the JSON of PendingWrites). A finish never precedes its step's start, even if
 * this process's clock is a little behind the database's. Instant steps and outbox messages
 * are written only while the execution is still runnable: a cancel committed before this
 * statement leaves nothing more recorded or captured.
 */
const PENDING_CTES = (param: string) => `pending as (select ${param}::jsonb as p),
live as (select id from public.flow_executions where id = $1 and ${RUNNABLE}),
finished as (
  update public.flow_execution_steps s
     set status = 'success', result = f.result, error = null, completed_at = greatest(f.at, s.started_at)
    from jsonb_to_recordset((select p -> 'finish' from pending)) as f(node_id text, attempt int, result jsonb, at timestamptz)
   where s.execution_id = $1 and s.node_id = f.node_id and s.attempt = f.attempt
),
recorded as (
  insert into public.flow_execution_steps
    (execution_id, node_id, node_type, status, attempt, started_at, completed_at, created_at, result)
  select $1, r.node_id, r.node_type, r.status, r.attempt, r.at, r.at, r.at, r.result
    from jsonb_to_recordset((select p -> 'record' from pending))
         as r(node_id text, node_type text, status text, attempt int, at timestamptz, result jsonb)
   where exists (select 1 from live)
  on conflict (execution_id, node_id, attempt) do nothing
),
captured as (
  insert into public.outbox_messages
    (id, workspace_id, execution_id, node_id, channel, recipient, subject, body, idempotency_key, created_at)
  select m.id, m."workspaceId", $1, m."nodeId", m.channel, m.recipient, m.subject, m.body, m."idempotencyKey", m.at
    from jsonb_to_recordset((select p -> 'capture' from pending))
         as m(id uuid, "workspaceId" text, "nodeId" text, channel text, recipient text, subject text, body text,
              "idempotencyKey" text, at timestamptz)
   where exists (select 1 from live)
  -- The id derives from the idempotency key: a replayed send finds its first copy here.
  on conflict do nothing
)`;

/**
 * The engine's persistence on a direct Postgres connection (service role: RLS does not apply).
 *
 * To keep round trips per execution low, loading an execution writes nothing: the run's first
 * write makes a pending execution running (or, when every node is instant, completes it at
 * once). Likewise step writes that need no answer (a success, an
 * instant node, a skipped node) ride along with the execution's next statement: the next
 * step's start, a wait, completion or failure. Step times come from the engine's clock, so
 * their order is the order the engine ran them. If the process dies in between, those nodes
 * are replayed on resume with the same idempotency keys, which is what a crash between an
 * effect and its record already implies.
 */
export class PgExecutionStore implements ExecutionStore {
  private readonly pending = new Map<string, PendingWrites>();

  constructor(private readonly db: pg.Pool) {}

  /** Named statements are parsed and planned once per connection, not on every call. */
  private prepared<R extends pg.QueryResultRow = pg.QueryResultRow>(name: string, text: string, values: unknown[]) {
    return this.db.query<R>({ name: `engine:${name}`, text, values });
  }

  private writesOf(executionId: string): PendingWrites {
    let writes = this.pending.get(executionId);
    if (!writes) {
      writes = noWrites();
      this.pending.set(executionId, writes);
    }
    return writes;
  }

  /** The JSON a write carries (PENDING_CTES): the held writes, and the attempt of the run writing. */
  private drain(executionId: string, attempt: number): string {
    const writes = this.pending.get(executionId) ?? noWrites();
    this.pending.delete(executionId);
    return JSON.stringify({ ...writes, attempt });
  }

  async load(executionId: string): Promise<LoadedExecution | undefined> {
    const loadedAt = stepTimestamp();
    const { rows } = await this.prepared<{
      id: string;
      flow_id: string;
      workspace_id: string;
      contact_id: string | null;
      status: ExecutionStatus;
      attempt: number;
      metadata: ExecutionMetadata;
      contact: { name: string; email: string | null; phone: string | null; tags: string[] } | null;
      steps: {
        node_id: string;
        status: StepRecord["status"];
        attempt: number;
        started_at: string | null;
        result: Record<string, unknown> | null;
      }[];
    }>(
      "load",
      `select e.id, e.flow_id, e.workspace_id, e.contact_id, e.attempt, e.metadata, e.status,
              (select to_jsonb(c) from (select name, email, phone, tags from public.contacts where id = e.contact_id) c) as contact,
              coalesce((select jsonb_agg(to_jsonb(s) order by s.created_at, s.attempt)
                          from (select node_id, status, attempt, started_at, result, created_at
                                  from public.flow_execution_steps where execution_id = e.id) s), '[]') as steps
         from public.flow_executions e where e.id = $1`,
      [executionId],
    );
    const row = rows[0];
    // Whatever a previous, interrupted run of this execution left unwritten is void.
    this.pending.delete(executionId);
    if (!row) return undefined;
    if (row.status === "pending") this.pending.set(executionId, { ...noWrites(), startedAt: loadedAt });
    // The contact as it is now; if it was deleted, the snapshot taken at enrollment.
    const snapshot = row.metadata.contact;
    const contact = row.contact ?? {
      name: snapshot?.name ?? "",
      email: snapshot?.email ?? null,
      phone: snapshot?.phone ?? null,
      tags: parseTags(snapshot?.tags),
    };
    return {
      id: row.id,
      flowId: row.flow_id,
      workspaceId: row.workspace_id,
      contactId: row.contact_id,
      status: row.status,
      attempt: row.attempt,
      metadata: row.metadata,
      contact: { id: row.contact_id, ...contact },
      steps: row.steps.map((s) => ({
        nodeId: s.node_id,
        status: s.status,
        attempt: s.attempt,
        startedAt: s.started_at ? new Date(s.started_at) : null,
        result: s.result,
      })),
    };
  }

  async startStep(executionId: string, node: FlowNode, attempt: number): Promise<Date | undefined> {
    const { rows } = await this.prepared<{ started_at: Date }>(
      "start-step",
      `with ${PENDING_CTES("$5")}, e as (
         update public.flow_executions
            set status = 'running', ${STARTED_AT}, current_node_id = $2, next_execution_at = null
          where id = $1 and ${RUNNABLE} returning id
       )
       insert into public.flow_execution_steps (execution_id, node_id, node_type, status, attempt, started_at, created_at)
       select e.id, $2, $3, 'running', $4, $6, $6 from e
       on conflict (execution_id, node_id, attempt)
         do update set status = 'running', error = null
       returning started_at`,
      [executionId, node.id, node.type, attempt, this.drain(executionId, attempt), stepTimestamp()],
    );
    return rows[0]?.started_at;
  }

  async finishStep(executionId: string, nodeId: string, attempt: number, outcome: StepOutcome): Promise<void> {
    if (outcome.status === "success") {
      this.writesOf(executionId).finish.push({
        node_id: nodeId,
        attempt,
        result: outcome.result,
        at: stepTimestamp(),
      });
      return;
    }
    await this.prepared(
      "fail-step",
      `with ${PENDING_CTES("$6")}
       update public.flow_execution_steps
          set status = 'failed', result = $4, error = $5, completed_at = now()
        where execution_id = $1 and node_id = $2 and attempt = $3`,
      [executionId, nodeId, attempt, outcome.result ?? null, outcome.error, this.drain(executionId, attempt)],
    );
  }

  async recordStep(
    executionId: string,
    node: FlowNode,
    attempt: number,
    result: Record<string, unknown>,
  ): Promise<void> {
    this.writesOf(executionId).record.push({
      node_id: node.id,
      node_type: node.type,
      status: "success",
      attempt,
      result,
      at: stepTimestamp(),
    });
  }

  async skipSteps(executionId: string, nodes: FlowNode[], attempt: number, becauseOf: string): Promise<void> {
    const at = stepTimestamp();
    this.writesOf(executionId).record.push(
      ...nodes.map((node) => ({
        node_id: node.id,
        node_type: node.type,
        status: "skipped" as const,
        attempt,
        result: { reason: "branch not taken", condition: becauseOf },
        at,
      })),
    );
  }

  async waitUntil(executionId: string, nodeId: string, attempt: number, until: Date): Promise<void> {
    await this.prepared(
      "wait-until",
      `with ${PENDING_CTES("$4")}
       update public.flow_executions set current_node_id = $2, next_execution_at = $3 where id = $1 and ${RUNNABLE}`,
      [executionId, nodeId, until, this.drain(executionId, attempt)],
    );
  }

  async complete(executionId: string, attempt: number, summary: Record<string, unknown>): Promise<void> {
    await this.prepared(
      "complete",
      `with ${PENDING_CTES("$3")}
       update public.flow_executions
          set status = 'completed', ${STARTED_AT}, completed_at = now(), current_node_id = null,
              next_execution_at = null, error = null, result = $2
        where id = $1 and ${RUNNABLE}`,
      [executionId, summary, this.drain(executionId, attempt)],
    );
  }

  async fail(executionId: string, node: FlowNode | null, attempt: number, error: string): Promise<void> {
    // The failed node may have no step yet (an outbox send is recorded only once it worked).
    await this.prepared(
      "fail",
      `with ${PENDING_CTES("$5")}, step as (
         insert into public.flow_execution_steps
           (execution_id, node_id, node_type, status, attempt, started_at, completed_at, created_at, error)
         select $1, $2, $6, 'failed', $3, $7, $7, $7, $4 where $2::text is not null
         on conflict (execution_id, node_id, attempt) do update
           set status = 'failed', error = excluded.error,
               completed_at = greatest(now(), public.flow_execution_steps.started_at)
       )
       update public.flow_executions
          set status = 'failed', ${STARTED_AT}, completed_at = now(), error = $4, next_execution_at = null,
              current_node_id = coalesce($2, current_node_id),
              result = jsonb_build_object('success', false, 'failedNode', $2::text, 'error', $4::text)
        where id = $1 and ${RUNNABLE}`,
      [
        executionId,
        node?.id ?? null,
        attempt,
        error,
        this.drain(executionId, attempt),
        node?.type ?? null,
        stepTimestamp(),
      ],
    );
  }

  captureMessage(message: CapturedMessage): void {
    const { executionId, ...row } = message;
    this.writesOf(executionId).capture.push({ ...row, at: stepTimestamp() });
  }

  async setTags(contactId: string, add: string[], remove: string[]): Promise<string[]> {
    const { rows } = await this.prepared<{ tags: string[] }>(
      "set-tags",
      `update public.contacts
          set tags = (select coalesce(array_agg(distinct t order by t), '{}')
                        from unnest(tags || $2::text[]) t where t <> all($3::text[]))
        where id = $1 returning tags`,
      [contactId, add, remove],
    );
    return rows[0]?.tags ?? [];
  }
}

function parseTags(tags: unknown): string[] {
  if (Array.isArray(tags)) return tags.map(String);
  if (typeof tags !== "string") return [];
  try {
    const parsed: unknown = JSON.parse(tags);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
