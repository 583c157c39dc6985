import type pg from "pg";
import { z } from "zod";
import type { ExecutionStatus, WorkspaceRole } from "../../../src/domain/statuses.ts";
import { FunctionError } from "./http.ts";

export const MAX_EXECUTIONS_PER_REQUEST = 500;

export const executionIdsSchema = z
  .array(z.uuid("each executionId must be a UUID"))
  .min(1, "executionIds must list at least one execution")
  .max(MAX_EXECUTIONS_PER_REQUEST, `executionIds can list at most ${MAX_EXECUTIONS_PER_REQUEST} executions`);

export interface OwnedExecution {
  id: string;
  status: ExecutionStatus;
  workspace_id: string;
}

/**
 * The executions a bulk action may touch. Any id of a workspace the caller does not belong
 * to refuses the whole request (403, nothing changed); ids that do not exist are reported
 * per row as not found.
 */
export async function authorizeExecutions(
  db: pg.Pool,
  userId: string,
  ids: string[],
): Promise<Map<string, OwnedExecution>> {
  const { rows } = await db.query<OwnedExecution & { role: WorkspaceRole | null }>(
    `select e.id, e.status, e.workspace_id,
            (select m.role from public.workspace_members m
              where m.workspace_id = e.workspace_id and m.user_id = $2) as role
       from public.flow_executions e where e.id = any($1::uuid[])`,
    [ids, userId],
  );
  if (rows.some((row) => !row.role)) {
    throw new FunctionError(403, "some of these executions belong to a workspace you are not a member of");
  }
  if (rows.some((row) => row.role === "viewer")) {
    throw new FunctionError(403, "viewers of a workspace can look, not change anything: ask a support member");
  }
  return new Map(rows.map(({ role: _, ...row }) => [row.id, row]));
}

export interface RowOutcome {
  id: string;
  outcome: string;
  reason?: string;
  executionId?: string;
}
