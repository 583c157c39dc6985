import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actAsCaller } from "../../src/services/act-as-caller.ts";
import { adminDb } from "../support/clients.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

const db = adminDb();
afterAll(() => db.end());

const CALLS = `select coalesce(pg_stat_get_xact_function_calls('private.my_workspace_ids()'::regprocedure), 0) as membership,
                      coalesce(pg_stat_get_xact_function_calls('private.can_read_workspace(text)'::regprocedure), 0) as per_row`;

/**
 * execution_stats() as the caller, and how often it called the membership functions (the
 * difference of the backend's counters: they are flushed at most once a second, so a count
 * can carry over from an earlier transaction on the same connection).
 */
async function statsAs(claims: Record<string, unknown>, flowId: string | null, workspaceId: string | null) {
  const client = await db.connect();
  try {
    await client.query("begin");
    await client.query("set local track_functions = 'all'");
    await actAsCaller(client, claims);
    const before = (await client.query(CALLS)).rows[0];
    const { rows } = await client.query("select public.execution_stats($1, $2) as stats", [flowId, workspaceId]);
    const after = (await client.query(CALLS)).rows[0];
    return {
      stats: rows[0].stats,
      calls: { membership: after.membership - before.membership, per_row: after.per_row - before.per_row },
    };
  } finally {
    await client.query("rollback");
    client.release();
  }
}

describe("execution_stats()", () => {
  const flow = randomUUID();
  const otherFlow = randomUUID();
  let workspace: string;
  let otherWorkspace: string;
  let member: Record<string, unknown>;

  beforeAll(async () => {
    workspace = await createWorkspace(db);
    otherWorkspace = await createWorkspace(db);
    member = { sub: (await createUser(db, { workspaceId: workspace })).id, role: "authenticated" };
    // Counter rows as the triggers leave them: one per flow, status and shard.
    const rows: [string, string, string, number, number][] = [
      [flow, workspace, "completed", 0, 4],
      [flow, workspace, "completed", 7, 3],
      [flow, workspace, "failed", 2, 2],
      [flow, workspace, "running", 15, 1],
      [flow, workspace, "cancelled", 3, 0],
      [otherFlow, otherWorkspace, "pending", 1, 9],
    ];
    for (const row of rows)
      await db.query(
        "insert into public.flow_execution_counts (flow_id, workspace_id, status, shard, n) values ($1, $2, $3, $4, $5)",
        row,
      );
  });
  afterAll(() => db.query("delete from public.flow_execution_counts where flow_id in ($1, $2)", [flow, otherFlow]));

  it("sums every shard per status, and looks up the caller's workspaces once, not per counter row", async () => {
    const { stats, calls } = await statsAs(member, flow, workspace);
    expect(stats).toEqual({ total: 10, pending: 0, running: 1, completed: 7, failed: 2, cancelled: 0 });
    expect(calls).toEqual({ membership: 1, per_row: 0 });
  });

  it("counts nothing of a workspace the caller is not a member of", async () => {
    const zero = { total: 0, pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
    expect((await statsAs(member, otherFlow, null)).stats).toEqual(zero);
    expect((await statsAs(member, null, otherWorkspace)).stats).toEqual(zero);
  });

  it("counts only the caller's own workspaces when given neither flow nor workspace", async () => {
    const { stats } = await statsAs(member, null, null);
    expect(stats).toEqual({ total: 10, pending: 0, running: 1, completed: 7, failed: 2, cancelled: 0 });
  });

  it("counts nothing for a caller of no workspace, or a token without a user", async () => {
    const zero = { total: 0, pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
    const loner = { sub: (await createUser(db)).id, role: "authenticated" };
    expect((await statsAs(loner, null, null)).stats).toEqual(zero);
    expect((await statsAs({ role: "authenticated" }, null, null)).stats).toEqual(zero);
  });

  it("lets the service role count any workspace, without a membership lookup", async () => {
    const { stats, calls } = await statsAs({ role: "service_role" }, otherFlow, otherWorkspace);
    expect(stats).toMatchObject({ total: 9, pending: 9 });
    expect(calls).toEqual({ membership: 0, per_row: 0 });
  });
});
