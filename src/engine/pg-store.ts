import type pg from "pg";
import type { FlowNode } from "../domain/flow-definition.ts";
import type { ExecutionStatus } from "../domain/statuses.ts";
import type { ExecutionMetadata } from "./metadata.ts";
import type { ExecutionStore, LoadedExecution, StepOutcome, StepRecord } from "./ports.ts";

/** The engine's persistence on a direct Postgres connection (service role: RLS does not apply). */
export class PgExecutionStore implements ExecutionStore {
  constructor(private readonly db: pg.Pool) {}

  async load(executionId: string): Promise<LoadedExecution | undefined> {
    const { rows } = await this.db.query<{
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
      `select e.id, e.flow_id, e.workspace_id, e.contact_id, e.status, e.attempt, e.metadata,
              (select to_jsonb(c) from (select name, email, phone, tags from public.contacts where id = e.contact_id) c) as contact,
              coalesce((select jsonb_agg(to_jsonb(s) order by s.created_at, s.attempt)
                          from (select node_id, status, attempt, started_at, result, created_at
                                  from public.flow_execution_steps where execution_id = e.id) s), '[]') as steps
         from public.flow_executions e where e.id = $1`,
      [executionId],
    );
    const row = rows[0];
    if (!row) return undefined;
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

  async markRunning(executionId: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `update public.flow_executions set status = 'running', started_at = coalesce(started_at, now())
        where id = $1 and status in ('pending', 'running')`,
      [executionId],
    );
    return (rowCount ?? 0) > 0;
  }

  async startStep(executionId: string, node: FlowNode, attempt: number): Promise<Date | undefined> {
    const { rows } = await this.db.query<{ started_at: Date }>(
      `with e as (
         update public.flow_executions set current_node_id = $2, next_execution_at = null
          where id = $1 and status = 'running' returning id
       )
       insert into public.flow_execution_steps (execution_id, node_id, node_type, status, attempt, started_at)
       select e.id, $2, $3, 'running', $4, now() from e
       on conflict (execution_id, node_id, attempt)
         do update set status = 'running', error = null
       returning started_at`,
      [executionId, node.id, node.type, attempt],
    );
    return rows[0]?.started_at;
  }

  async finishStep(executionId: string, nodeId: string, attempt: number, outcome: StepOutcome): Promise<void> {
    await this.db.query(
      `update public.flow_execution_steps
          set status = $4, result = $5, error = $6, completed_at = now()
        where execution_id = $1 and node_id = $2 and attempt = $3`,
      [
        executionId,
        nodeId,
        attempt,
        outcome.status,
        outcome.result ?? null,
        outcome.status === "failed" ? outcome.error : null,
      ],
    );
  }

  async skipSteps(executionId: string, nodes: FlowNode[], attempt: number, becauseOf: string): Promise<void> {
    if (nodes.length === 0) return;
    await this.db.query(
      `insert into public.flow_execution_steps
         (execution_id, node_id, node_type, status, attempt, started_at, completed_at, result)
       select $1, n.id, n.type, 'skipped', $2, now(), now(), jsonb_build_object('reason', 'branch not taken', 'condition', $3::text)
         from unnest($4::text[], $5::text[]) as n(id, type)
       on conflict (execution_id, node_id, attempt) do nothing`,
      [executionId, attempt, becauseOf, nodes.map((n) => n.id), nodes.map((n) => n.type)],
    );
  }

  async waitUntil(executionId: string, nodeId: string, until: Date): Promise<void> {
    await this.db.query(
      "update public.flow_executions set current_node_id = $2, next_execution_at = $3 where id = $1",
      [executionId, nodeId, until],
    );
  }

  async complete(executionId: string, summary: Record<string, unknown>): Promise<void> {
    await this.db.query(
      `update public.flow_executions
          set status = 'completed', completed_at = now(), current_node_id = null, next_execution_at = null,
              error = null, result = $2
        where id = $1 and status = 'running'`,
      [executionId, summary],
    );
  }

  async fail(executionId: string, nodeId: string | null, attempt: number, error: string): Promise<void> {
    await this.db.query(
      `with step as (
         update public.flow_execution_steps set status = 'failed', error = $4, completed_at = now()
          where execution_id = $1 and node_id = $2 and attempt = $3
       )
       update public.flow_executions
          set status = 'failed', completed_at = now(), error = $4, next_execution_at = null,
              current_node_id = coalesce($2, current_node_id),
              result = jsonb_build_object('success', false, 'failedNode', $2::text, 'error', $4::text)
        where id = $1 and status in ('pending', 'running')`,
      [executionId, nodeId, attempt, error],
    );
  }

  async setTags(contactId: string, add: string[], remove: string[]): Promise<string[]> {
    const { rows } = await this.db.query<{ tags: string[] }>(
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
