import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlowExecutionService, LATE_LOOKUP_OFFSET } from "../../src/services/flow-execution-service.ts";
import { adminDb, signedInClient } from "../support/clients.ts";
import { chain, createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

/**
 * The service's fast paths: with a flow given, the workspace is checked on the flow rather
 * than on every row, and deep pages read their ids first, then their rows by id. Both must
 * give exactly what the plain query gives.
 */

const db = adminDb();
const ROWS = LATE_LOOKUP_OFFSET + 130;
let home: string;
let other: string;
let homeFlow: string;
let otherFlow: string;
let strangersFlow: string;
let service: FlowExecutionService;

/** `count` executions of the flow, one minute apart, each with two steps. */
async function fill(workspace: string, flow: string, count: number) {
  await db.query(
    `with c as (insert into public.contacts (workspace_id, name, email) values ($1, 'Paged Contact', 'paged@example.com') returning id),
     e as (
       insert into public.flow_executions (flow_id, workspace_id, contact_id, status, created_at, metadata)
       select $2, $1, c.id, (array['completed','failed','running'])[1 + i % 3], timestamptz '2026-02-01' - make_interval(mins => i), '{}'
         from c, generate_series(1, $3) as i
       returning id, created_at)
     insert into public.flow_execution_steps (execution_id, node_id, node_type, status, created_at)
     select e.id, n.node_id, n.node_type, 'success', e.created_at + make_interval(secs => n.k)
       from e cross join (values (1, 'trigger', 'trigger'), (2, 'e', 'send_email')) as n(k, node_id, node_type)`,
    [workspace, flow, count],
  );
}

async function expectedIds(
  table: "flow_executions" | "flow_execution_steps",
  flow: string,
  offset: number,
  limit = 50,
) {
  const { rows } = await db.query<{ id: string }>(
    `select id from public.${table} where flow_id = $1 order by created_at desc, id desc offset $2 limit $3`,
    [flow, offset, limit],
  );
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  home = await createWorkspace(db);
  other = await createWorkspace(db);
  const stranger = await createWorkspace(db);
  // A member of both `home` and `other`: RLS lets them read both.
  const user = await createUser(db, { workspaceId: home });
  await db.query("insert into public.workspace_members (workspace_id, user_id) values ($1, $2)", [other, user.id]);
  service = new FlowExecutionService(await signedInClient(user.email, user.password));
  const definition = { nodes: [node.trigger(), node.email("e")], edges: chain("trigger", "e") };
  homeFlow = await createFlow(db, home, definition);
  otherFlow = await createFlow(db, other, definition);
  strangersFlow = await createFlow(db, stranger, definition);
  await fill(home, homeFlow, ROWS);
  await fill(other, otherFlow, ROWS);
  await fill(stranger, strangersFlow, 20);
});
afterAll(() => db.end());

describe("a flow of another workspace", () => {
  it("gives nothing, though the caller may read that workspace too", async () => {
    const enrollments = await service.getEnrollmentHistory(otherFlow, home);
    expect(enrollments).toMatchObject({ rows: [], total: 0 });
    const logs = await service.getExecutionLogs(otherFlow, home, {}, { count: "exact" });
    expect(logs).toMatchObject({ rows: [], total: 0 });
  });

  it("gives nothing on a deep page either (ids first, then rows)", async () => {
    const page = LATE_LOOKUP_OFFSET / 50 + 1;
    expect((await service.getEnrollmentHistory(otherFlow, home, {}, { page })).rows).toEqual([]);
    expect((await service.getExecutionLogs(otherFlow, home, {}, { page })).rows).toEqual([]);
  });

  it("gives nothing after the same flow was read in its own workspace (the check is per workspace)", async () => {
    expect((await service.getEnrollmentHistory(otherFlow, other)).rows).toHaveLength(50);
    expect(await service.getEnrollmentHistory(otherFlow, home)).toMatchObject({ rows: [], total: 0 });
  });

  it("a flow of a workspace the caller is not in gives nothing, whichever workspace is named", async () => {
    expect((await service.getEnrollmentHistory(strangersFlow, home)).rows).toEqual([]);
    expect((await service.getExecutionLogs(strangersFlow, null)).rows).toEqual([]);
  });
});

describe("deep pages", () => {
  it("the first page past the late-lookup offset is the plain query's, in order", async () => {
    const page = LATE_LOOKUP_OFFSET / 50 + 1;
    const enrollments = await service.getEnrollmentHistory(homeFlow, home, {}, { page, count: "exact" });
    expect(enrollments.rows.map((r) => r.id)).toEqual(
      await expectedIds("flow_executions", homeFlow, LATE_LOOKUP_OFFSET),
    );
    expect(enrollments.total).toBe(ROWS);
    expect(enrollments.rows[0]?.contact.name).toBe("Paged Contact");
    const logs = await service.getExecutionLogs(homeFlow, home, {}, { page, count: "exact" });
    expect(logs.rows.map((r) => r.id)).toEqual(await expectedIds("flow_execution_steps", homeFlow, LATE_LOOKUP_OFFSET));
    expect(logs.total).toBe(ROWS * 2);
    expect(logs.rows[0]?.actionLabel).toMatch(/^(Trigger|Send Email)$/);
  });

  it("the last, partial page and oldest-first order", async () => {
    const last = await service.getEnrollmentHistory(homeFlow, home, {}, { page: 3, pageSize: 500 });
    expect(last.rows.map((r) => r.id)).toEqual(await expectedIds("flow_executions", homeFlow, 1000, 500));
    const deep = await service.getEnrollmentHistory(homeFlow, home, {}, { page: 23, pageSize: 50 });
    expect(deep.rows).toHaveLength(ROWS - 1100);
    const asc = await service.getEnrollmentHistory(homeFlow, home, {}, { page: 21, order: "asc" });
    const { rows } = await db.query<{ id: string }>(
      "select id from public.flow_executions where flow_id = $1 order by created_at, id offset 1000 limit 50",
      [homeFlow],
    );
    expect(asc.rows.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it("filters apply to the ids, and a deep page past the filtered end is empty with the total", async () => {
    const failed = await service.getEnrollmentHistory(
      homeFlow,
      home,
      { status: ["failed"] },
      { page: 21, count: "exact" },
    );
    expect(failed).toMatchObject({ rows: [], total: Math.floor((ROWS + 2) / 3) });
    const running = await service.getEnrollmentHistory(
      homeFlow,
      null,
      { status: ["completed", "running"] },
      { page: 11, pageSize: 70 },
    );
    const { rows } = await db.query<{ id: string }>(
      `select id from public.flow_executions where flow_id = $1 and status in ('completed', 'running')
        order by created_at desc, id desc offset 700 limit 70`,
      [homeFlow],
    );
    expect(running.rows.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });
});
