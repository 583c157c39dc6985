import type pg from "pg";
import type { WorkspaceRole } from "../../../src/domain/statuses.ts";
import type { Dispatcher } from "../../../src/runner/dispatch.ts";
import type { TokenKeys } from "./auth.ts";
import { FunctionError } from "./http.ts";

/** What every function needs from its host: the database, the keys tokens are signed with, a dispatcher. */
export interface FunctionDeps {
  db: pg.Pool;
  tokenKeys: TokenKeys;
  dispatcher: Dispatcher;
}

export type FunctionHandler = (req: Request, deps: FunctionDeps) => Promise<Response>;

/**
 * Whether the user may change things in the workspace: a member whose role is not `viewer`.
 * Throws the 403 the functions answer otherwise (viewers read, as RLS lets them, but act not).
 */
export async function assertCanAct(db: pg.Pool, userId: string, workspaceId: string, what: string): Promise<void> {
  const { rows } = await db.query<{ role: WorkspaceRole }>(
    "select role from public.workspace_members where user_id = $1 and workspace_id = $2",
    [userId, workspaceId],
  );
  const role = rows[0]?.role;
  if (!role) throw new FunctionError(403, `you are not a member of ${what}`);
  if (role === "viewer") throw new FunctionError(403, `viewers of ${what} can look, not change anything`);
}

/** Runs `work` in one transaction on one connection: all of it commits, or none. */
export async function inTransaction<T>(db: pg.Pool, work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const tx = await db.connect();
  try {
    await tx.query("begin");
    const result = await work(tx);
    await tx.query("commit");
    return result;
  } catch (error) {
    await tx.query("rollback");
    throw error;
  } finally {
    tx.release();
  }
}
