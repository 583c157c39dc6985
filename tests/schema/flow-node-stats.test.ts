import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationFiles } from "../../src/local/migrate.ts";
import { adminDb, anonClient, type Client, signedInClient } from "../support/clients.ts";
import { callFunction, createContact, createFlow, node, waitForExecution } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

const db = adminDb();
let workspace: string;
let member: Client;
let token: string;
let flowId: string;
const ids: Record<"plain" | "bounced" | "vip" | "badPhone", string> = { plain: "", bounced: "", vip: "", badPhone: "" };

/**
 * trigger → hello (email) → is_vip? yes → wait (delay, an hour) → vip_text (SMS)
 *                                    no  → text (SMS)
 */
const definition = () => ({
  nodes: [
    node.trigger(),
    node.email("hello"),
    {
      id: "is_vip",
      type: "condition" as const,
      config: { field: "tags" as const, operator: "contains" as const, value: "vip" },
    },
    node.delayUntil("wait", new Date(Date.now() + 3_600_000)),
    node.sms("vip_text"),
    node.sms("text"),
  ],
  edges: [
    { id: "a", source: "trigger", target: "hello" },
    { id: "b", source: "hello", target: "is_vip" },
    { id: "c", source: "is_vip", target: "wait", branch: "yes" as const },
    { id: "d", source: "wait", target: "vip_text" },
    { id: "e", source: "is_vip", target: "text", branch: "no" as const },
  ],
});

async function enroll(contactId: string): Promise<string> {
  const { status, body } = await callFunction("enroll-contacts", { flowId, contactIds: [contactId] }, token);
  expect(status, JSON.stringify(body)).toBe(200);
  return (body.executions as { id: string }[])[0]?.id as string;
}

async function nodeStats(client: Client = member, flow = flowId) {
  const { data, error } = await client.rpc("flow_node_stats", { p_flow_id: flow });
  if (error) throw new Error(error.message);
  return Object.fromEntries(data.map(({ node_id, ...counts }) => [node_id, counts]));
}

/** The same numbers the slow way: each execution's latest finished attempt per node, and where running ones stand. */
async function countedFromScratch(flow = flowId) {
  const { rows } = await db.query<{
    node_id: string;
    success: number;
    failed: number;
    skipped: number;
    cancelled: number;
    waiting: number;
  }>(
    `with latest as (
       select distinct on (execution_id, node_id) node_id,
              case when status = 'skipped' and result->>'reason' = 'execution cancelled' then 'cancelled' else status end as status
         from public.flow_execution_steps
        where flow_id = $1 and status in ('success', 'failed', 'skipped') order by execution_id, node_id, attempt desc
     ), finished as (
       select node_id, count(*) filter (where status = 'success')::int as success,
              count(*) filter (where status = 'failed')::int as failed,
              count(*) filter (where status = 'skipped')::int as skipped,
              count(*) filter (where status = 'cancelled')::int as cancelled
         from latest group by node_id
     ), waiting as (
       select current_node_id as node_id, count(*)::int as waiting from public.flow_executions
        where flow_id = $1 and status = 'running' group by current_node_id
     )
     select coalesce(f.node_id, w.node_id) as node_id, coalesce(success, 0) as success, coalesce(failed, 0) as failed,
            coalesce(skipped, 0) as skipped, coalesce(cancelled, 0) as cancelled, coalesce(waiting, 0) as waiting
       from finished f full join waiting w using (node_id)`,
    [flow],
  );
  return Object.fromEntries(rows.map(({ node_id, ...counts }) => [node_id, counts]));
}

const zero = { success: 0, failed: 0, skipped: 0, cancelled: 0, waiting: 0 };

beforeAll(async () => {
  workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  member = await signedInClient(user.email, user.password);
  token = (await member.auth.getSession()).data.session?.access_token ?? "";
  flowId = await createFlow(db, workspace, definition());
  const contacts = {
    plain: await createContact(db, workspace, { tags: [] }),
    bounced: await createContact(db, workspace, { email: "bounce@fail.example" }),
    vip: await createContact(db, workspace, { tags: ["vip"] }),
    badPhone: await createContact(db, workspace, { phone: "+15559990042" }),
  };
  for (const [key, contactId] of Object.entries(contacts)) ids[key as keyof typeof ids] = await enroll(contactId);
  await Promise.all([
    waitForExecution(db, ids.plain, (e) => e.status === "completed"),
    waitForExecution(db, ids.bounced, (e) => e.status === "failed"),
    waitForExecution(db, ids.vip, (e) => e.next_execution_at !== null),
    waitForExecution(db, ids.badPhone, (e) => e.status === "failed"),
  ]);
}, 60_000);
afterAll(() => db.end());

describe("flow_node_stats()", () => {
  it("counts each node's outcomes after real executions: success, failed, skipped branches, waiting on a delay", async () => {
    const stats = await nodeStats();
    expect(stats).toEqual({
      trigger: { ...zero, success: 4 },
      hello: { ...zero, success: 3, failed: 1 },
      is_vip: { ...zero, success: 3 },
      wait: { ...zero, skipped: 2, waiting: 1 },
      vip_text: { ...zero, skipped: 2 },
      text: { ...zero, success: 1, failed: 1, skipped: 1 },
    });
    expect(stats).toEqual(await countedFromScratch());
  });

  it("counts an execution cancelled on a delay as cancelled at that node, apart from branches not taken", async () => {
    const { body } = await callFunction("cancel-executions", { executionIds: [ids.vip] }, token);
    expect(body.results).toEqual([{ id: ids.vip, outcome: "cancelled" }]);
    const stats = await nodeStats();
    expect(stats.wait).toEqual({ ...zero, skipped: 2, cancelled: 1 });
    expect(stats.vip_text).toEqual({ ...zero, skipped: 2 });
    expect(stats).toEqual(await countedFromScratch());
  });

  it("counts a node retried from the failed step by its latest attempt: the success replaces the failure", async () => {
    await db.query(
      "update public.contacts set phone = '+15550100999' where id = (select contact_id from public.flow_executions where id = $1)",
      [ids.badPhone],
    );
    const { body } = await callFunction(
      "retry-executions",
      { executionIds: [ids.badPhone], mode: "failed-step" },
      token,
    );
    expect(body.results).toEqual([{ id: ids.badPhone, outcome: "retried", executionId: ids.badPhone }]);
    await waitForExecution(db, ids.badPhone, (e) => e.status === "completed");

    const stats = await nodeStats();
    expect(stats.text).toEqual({ ...zero, success: 2, skipped: 1 });
    // The nodes attempt 1 finished are not counted twice.
    expect(stats.trigger).toEqual({ ...zero, success: 4 });
    expect(stats).toEqual(await countedFromScratch());
  });

  it("falls back to the earlier attempt when a later one is deleted", async () => {
    await db.query(
      "delete from public.flow_execution_steps where execution_id = $1 and node_id = 'text' and attempt = 2",
      [ids.badPhone],
    );
    expect((await nodeStats()).text).toEqual({ ...zero, success: 1, failed: 1, skipped: 1 });
    expect(await nodeStats()).toEqual(await countedFromScratch());
  });

  it("gives another workspace's member nothing, and anon no access", async () => {
    const outsider = await createUser(db, { workspaceId: await createWorkspace(db) });
    const outsiderClient = await signedInClient(outsider.email, outsider.password);
    expect(await nodeStats(outsiderClient)).toEqual({});
    expect(await outsiderClient.from("flow_node_counts").select("*")).toMatchObject({ data: null });
    const { error } = await anonClient().rpc("flow_node_stats", { p_flow_id: flowId });
    expect(error?.code).toBe("42501");
  });

  it("takes deleted executions out of the counts, cascaded steps included", async () => {
    await db.query("delete from public.flow_executions where id = $1", [ids.plain]);
    const afterOne = await nodeStats();
    expect(afterOne.trigger).toEqual({ ...zero, success: 3 });
    expect(afterOne.text).toEqual({ ...zero, success: 0, failed: 1, skipped: 1 });
    expect(afterOne).toEqual(await countedFromScratch());

    await db.query("delete from public.flow_executions where flow_id = $1", [flowId]);
    const afterAll = await nodeStats();
    for (const counts of Object.values(afterAll)) expect(counts).toEqual(zero);
  });

  it("its migration moves what cancels had counted as skipped to cancelled, and nothing else", async () => {
    const flow = await createFlow(db, workspace, definition());
    const execution = async (steps: [node: string, status: string, attempt: number, result?: object][]) => {
      const contact = await createContact(db, workspace);
      const { rows } = await db.query<{ id: string }>(
        `insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata)
         values ($1, $2, $3, 'cancelled', '{}') returning id`,
        [flow, workspace, contact],
      );
      for (const [node, status, attempt, result] of steps) {
        await db.query(
          `insert into public.flow_execution_steps (execution_id, node_id, node_type, status, attempt, result, started_at)
           values ($1, $2, 'send_email', $3, $4, $5, now())`,
          [rows[0]?.id, node, status, attempt, result ?? null],
        );
      }
    };
    const cancelledHere = { reason: "execution cancelled" };
    await execution([["hello", "skipped", 1, cancelledHere]]);
    await execution([["hello", "skipped", 1, cancelledHere]]);
    // Cancelled once, then retried from that step and sent: its latest attempt counts.
    await execution([
      ["text", "skipped", 1, cancelledHere],
      ["text", "success", 2],
    ]);
    await execution([["vip_text", "skipped", 1]]); // a branch not taken

    // The counters as the earlier triggers kept them, everywhere: a cancel counted as skipped.
    await db.query(
      `with was as (delete from public.flow_node_counts where status = 'cancelled' returning flow_id, workspace_id, node_id, n)
       insert into public.flow_node_counts as c (flow_id, workspace_id, node_id, status, shard, n)
       select flow_id, workspace_id, node_id, 'skipped', 0, sum(n) from was group by 1, 2, 3
       on conflict (flow_id, node_id, status, shard) do update set n = c.n + excluded.n`,
    );
    expect((await nodeStats(member, flow)).hello).toEqual({ ...zero, skipped: 2 });

    const file = (await migrationFiles()).find((m) => m.name === "node_counts_tell_cancelled_from_skipped");
    await db.query(await readFile(file?.file as string, "utf8"));

    const stats = await nodeStats(member, flow);
    expect(stats).toEqual({
      hello: { ...zero, cancelled: 2 },
      text: { ...zero, success: 1 },
      vip_text: { ...zero, skipped: 1 },
    });
    expect(stats).toEqual(await countedFromScratch(flow));
    // Every flow's counters agree with a recount from the steps.
    const { rows: disagreeing } = await db.query(
      `with counted as (
         select flow_id, node_id, status, sum(n)::int as n from public.flow_node_counts
          group by 1, 2, 3 having sum(n) <> 0
       ), latest as (
         select distinct on (execution_id, node_id) flow_id, node_id, private.step_outcome(status, result) as status
           from public.flow_execution_steps where private.step_outcome(status, result) is not null
          order by execution_id, node_id, attempt desc
       ), recounted as (select flow_id, node_id, status, count(*)::int as n from latest group by 1, 2, 3)
       select * from counted c full join recounted r using (flow_id, node_id, status) where c.n is distinct from r.n`,
    );
    expect(disagreeing).toEqual([]);
  });
});
