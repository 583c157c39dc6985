import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EnrollmentFilters } from "../../src/domain/execution-filters.ts";
import { ACTION_LABELS } from "../../src/domain/node-types.ts";
import { FlowExecutionService } from "../../src/services/flow-execution-service.ts";
import { accessToken, adminDb, type Client, signedInClient, stack } from "../support/clients.ts";
import { parseCsv } from "../support/csv.ts";
import { chain, createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

const db = adminDb();
let workspace: string;
let flowId: string;
let token: string;
let client: Client;

async function exportCsv(body: unknown, accessToken = token) {
  const res = await fetch(`${stack.apiUrl}/functions/v1/export-executions`, {
    method: "POST",
    headers: { apikey: stack.anonKey, authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    disposition: res.headers.get("content-disposition"),
    text: await res.text(),
  };
}

/** Executions straight in SQL: `count` of them, spread over days, statuses and test flags. */
async function fillExecutions(ws: string, flow: string, count: number, contactName = "Bulk Contact") {
  await db.query(
    `with c as (insert into public.contacts (workspace_id, name, email) values ($1, $4, 'bulk@example.com') returning id)
     insert into public.flow_executions (flow_id, workspace_id, contact_id, status, is_test, created_at, metadata)
     select $2, $1, c.id, (array['pending','running','completed','failed','cancelled'])[1 + i % 5], i % 7 = 0,
            now() - make_interval(mins => i), '{}'::jsonb
       from c, generate_series(1, $3) as i`,
    [ws, flow, count, contactName],
  );
}

beforeAll(async () => {
  workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  client = await signedInClient(user.email, user.password);
  token = await accessToken(client);
  flowId = await createFlow(db, workspace, { nodes: [node.trigger(), node.email("e")], edges: chain("trigger", "e") });
  await fillExecutions(workspace, flowId, 40, 'Quote "Q", Comma\nNewline');
});
afterAll(() => db.end());

describe("export-executions", () => {
  it("streams exactly the filtered rows, in the service's order, as RFC 4180 CSV", async () => {
    const filters: EnrollmentFilters = { status: ["failed", "cancelled"], testRuns: "exclude" };
    const { status, type, disposition, text } = await exportCsv({ kind: "enrollments", flowId, filters });
    expect(status).toBe(200);
    expect(type).toBe("text/csv; charset=utf-8");
    expect(disposition).toMatch(/^attachment; filename="enrollments-\d{8}T\d{6}Z\.csv"$/);

    const [header, ...rows] = parseCsv(text);
    expect(header?.slice(0, 6)).toEqual([
      "execution_id",
      "flow_id",
      "flow_name",
      "contact_id",
      "contact_name",
      "contact_email",
    ]);
    const page = await new FlowExecutionService(client).getEnrollmentHistory(flowId, null, filters, {
      pageSize: 1000,
      count: "exact",
    });
    expect(rows.length).toBe(page.total);
    expect(rows.map((r) => r[0])).toEqual(page.rows.map((r) => r.id));
    const statusIndex = header?.indexOf("status") as number;
    expect(new Set(rows.map((r) => r[statusIndex]))).toEqual(new Set(["failed", "cancelled"]));
    expect(rows[0]?.[4]).toBe('Quote "Q", Comma\nNewline');
    const enrolledAt = rows[0]?.[header?.indexOf("enrolled_at") as number] as string;
    expect(enrolledAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("orders rows enrolled within one millisecond by their full time, as the lists do", async () => {
    const flow = await createFlow(db, workspace, { nodes: [node.trigger()], edges: [] });
    // Later enrolments get smaller ids: ordered by the millisecond shown and then the id, the
    // export would come out reversed.
    const ids = [
      "00000000-0000-4000-8000-00000000000c",
      "00000000-0000-4000-8000-00000000000b",
      "00000000-0000-4000-8000-00000000000a",
    ];
    await db.query(
      `with c as (insert into public.contacts (workspace_id, name, email) values ($1, 'Same Ms', 'ms@example.com') returning id)
       insert into public.flow_executions (id, flow_id, workspace_id, contact_id, status, created_at, metadata)
       select ($3::uuid[])[i], $2, $1, c.id, 'completed', timestamptz '2026-03-01 10:00:00.123' + make_interval(secs => i / 1e6), '{}'
         from c, generate_series(1, 3) as i`,
      [workspace, flow, ids],
    );
    const [, ...rows] = parseCsv((await exportCsv({ kind: "enrollments", flowId: flow })).text);
    const page = await new FlowExecutionService(client).getEnrollmentHistory(flow, null, {}, { count: "exact" });
    expect(page.rows.map((r) => r.id)).toEqual([...ids].reverse());
    expect(rows.map((r) => r[0])).toEqual([...ids].reverse());
  });

  it("labels each execution's current action and each step's action as the admin does", async () => {
    const flow = await createFlow(db, workspace, {
      nodes: [node.trigger(), node.email("welcome")],
      edges: chain("trigger", "welcome"),
    });
    const { rows: created } = await db.query<{ id: string }>(
      `with c as (insert into public.contacts (workspace_id, name, email) values ($1, 'Labelled', 'label@example.com') returning id)
       insert into public.flow_executions (flow_id, workspace_id, contact_id, status, current_node_id, metadata)
       select $2, $1, c.id, 'running', 'welcome', jsonb_build_object('workflowDefinition', f.definition)
         from c, public.flows f where f.id = $2
       returning id`,
      [workspace, flow],
    );
    await db.query(
      "insert into public.flow_execution_steps (execution_id, node_id, node_type, status) values ($1, 'welcome', 'send_email', 'running')",
      [created[0]?.id],
    );
    const column = (csv: string[][], name: string) => csv.slice(1).map((row) => row[csv[0]?.indexOf(name) as number]);
    const enrollments = parseCsv((await exportCsv({ kind: "enrollments", flowId: flow })).text);
    expect(column(enrollments, "current_action")).toEqual([ACTION_LABELS.send_email]);
    const logs = parseCsv((await exportCsv({ kind: "logs", flowId: flow })).text);
    expect(column(logs, "action_type")).toEqual(["send_email"]);
    expect(column(logs, "action")).toEqual([ACTION_LABELS.send_email]);
  });

  it("exports nothing of another workspace: a header only", async () => {
    const other = await createWorkspace(db);
    const otherFlow = await createFlow(db, other, { nodes: [node.trigger()], edges: [] });
    await fillExecutions(other, otherFlow, 5);
    const { status, text } = await exportCsv({ kind: "logs", flowId: otherFlow });
    expect(status).toBe(200);
    expect(parseCsv(text)).toHaveLength(1);
  });

  it("refuses a bad body with 400 and no token with 401", async () => {
    const bad = await exportCsv({ kind: "everything" });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toMatch(/kind/);
    const badFilter = await exportCsv({ kind: "logs", filters: { from: "last tuesday" } });
    expect(badFilter.status).toBe(400);
    expect(JSON.parse(badFilter.text).error).toMatch(/filters\.from/);
    expect((await exportCsv({ kind: "logs" }, stack.anonKey)).status).toBe(401);
  });

  it("exports 100,000 rows, every one, ids equal to the query's", async () => {
    const big = await createWorkspace(db);
    const member = await createUser(db, { workspaceId: big });
    const bigClient = await signedInClient(member.email, member.password);
    const bigToken = await accessToken(bigClient);
    const bigFlow = await createFlow(db, big, { nodes: [node.trigger()], edges: [] });
    await fillExecutions(big, bigFlow, 100_000);

    const { status, text } = await exportCsv({ kind: "enrollments", flowId: bigFlow }, bigToken);
    expect(status).toBe(200);
    const [, ...rows] = parseCsv(text);
    const { rows: expected } = await db.query<{ id: string }>(
      "select id from public.flow_executions where flow_id = $1 order by created_at desc, id desc",
      [bigFlow],
    );
    expect(rows).toHaveLength(100_000);
    expect(rows.map((r) => r[0])).toEqual(expected.map((r) => r.id));
  }, 120_000);
});
