import type pg from "pg";
import type { Dispatcher } from "../../../src/runner/dispatch.ts";

/** What every function needs from its host: the database, the JWT secret, a dispatcher. */
export interface FunctionDeps {
  db: pg.Pool;
  jwtSecret: string;
  dispatcher: Dispatcher;
}

export type FunctionHandler = (req: Request, deps: FunctionDeps) => Promise<Response>;

/** Membership check shared by the functions: 403 unless the user belongs to the workspace. */
export async function isMember(db: pg.Pool, userId: string, workspaceId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    "select 1 from public.workspace_members where user_id = $1 and workspace_id = $2",
    [userId, workspaceId],
  );
  return (rowCount ?? 0) > 0;
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
