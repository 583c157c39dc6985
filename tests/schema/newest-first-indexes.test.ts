import { afterAll, describe, expect, it } from "vitest";
import { actAsCaller } from "../../src/services/act-as-caller.ts";
import { adminDb } from "../support/clients.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

const db = adminDb();
afterAll(() => db.end());

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Sort Key"?: string[];
  Plans?: PlanNode[];
}
const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/**
 * The plan of a newest-first page as a member of two workspaces (Row Level Security is the only
 * workspace filter then). Sorting is priced out, so the plan sorts only if no index gives the
 * order: what the planner would do on a large table, where sorting every row loses.
 */
async function newestFirstPlan(userId: string, sql: string): Promise<PlanNode[]> {
  const client = await db.connect();
  try {
    await client.query("begin");
    await client.query("set local enable_sort = off");
    await actAsCaller(client, { sub: userId, role: "authenticated" });
    const { rows } = await client.query(`explain (format json) ${sql}`);
    return nodes((rows[0]["QUERY PLAN"] as { Plan: PlanNode }[])[0]?.Plan as PlanNode);
  } finally {
    await client.query("rollback");
    client.release();
  }
}

describe("newest-first lists across workspaces", () => {
  it.each([
    ["execution_enrollments", "enrolled_at", "flow_executions_created_idx"],
    ["execution_logs", "created_at", "flow_execution_steps_created_idx"],
    ["contacts", "created_at", "contacts_created_idx"],
  ])("read %s's newest rows from an index, not a sort of every row", async (view, time, index) => {
    const user = await createUser(db, { workspaceId: await createWorkspace(db) });
    await db.query("insert into public.workspace_members (workspace_id, user_id, role) values ($1, $2, 'support')", [
      await createWorkspace(db),
      user.id,
    ]);
    const plan = await newestFirstPlan(user.id, `select * from public.${view} order by ${time} desc, id desc limit 25`);
    expect(plan.filter((node) => node["Node Type"] === "Sort" || node["Node Type"] === "Incremental Sort")).toEqual([]);
    expect(plan.some((node) => node["Index Name"] === index)).toBe(true);
  });
});
