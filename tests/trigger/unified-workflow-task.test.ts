import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resourceCatalog } from "@trigger.dev/core/v3";
import { runInMockTaskContext } from "@trigger.dev/core/v3/test";
import { StandardResourceCatalog } from "@trigger.dev/core/v3/workers";
import { wait } from "@trigger.dev/sdk";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { validateFlowDefinition } from "../../src/domain/flow-definition.ts";
import { buildMetadata } from "../../src/engine/metadata.ts";
import { closeEngineDatabase } from "../../src/engine/trigger-ports.ts";
import { UNIFIED_WORKFLOW_TASK } from "../../src/runner/trigger-dispatch.ts";
import { adminDb, stack } from "../support/clients.ts";
import {
  chain,
  createContact,
  createFlow,
  execution,
  node,
  outbox,
  steps,
  waitForExecution,
} from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

// The worker does this before loading task files: with a catalog installed and a file context
// set, schemaTask registers its `run`, which is how a test can reach the real function.
resourceCatalog.setGlobalResourceCatalog(new StandardResourceCatalog());
resourceCatalog.setCurrentFileContext("trigger/unifiedWorkflows.ts", "trigger");
const { unifiedWorkflow } = await import("../../trigger/unifiedWorkflows.ts");
resourceCatalog.clearCurrentFileContext();

const ENV_KEYS = ["SUPABASE_DB_URL", "DATABASE_URL", "TRIGGER_API_URL", "TRIGGER_SECRET_KEY"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

const db = adminDb();
let workspace: string;
let userId: string;

beforeAll(async () => {
  // The task creates its pool lazily, on its first run: this is the URL it must find.
  process.env.SUPABASE_DB_URL = stack.dbUrl;
  delete process.env.DATABASE_URL;
  workspace = await createWorkspace(db);
  userId = (await createUser(db, { workspaceId: workspace })).id;
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await closeEngineDatabase();
  await db.end();
});

/** A pending execution written as enroll-contacts writes it, without dispatching it anywhere. */
async function pendingExecution(flowId: string, contactId: string): Promise<string> {
  const { rows: flows } = await db.query<{ id: string; name: string; definition: unknown }>(
    "select id, name, definition from public.flows where id = $1",
    [flowId],
  );
  const flow = flows[0];
  if (!flow) throw new Error(`no flow ${flowId}`);
  const check = validateFlowDefinition(flow.definition);
  if (!check.ok) throw new Error(`flow ${flowId} is invalid`);
  const { rows: contacts } = await db.query<{
    id: string;
    name: string;
    email: string | null;
    phone: string | null;
    tags: string[];
  }>("select id, name, email, phone, tags from public.contacts where id = $1", [contactId]);
  const contact = contacts[0];
  if (!contact) throw new Error(`no contact ${contactId}`);
  const metadata = buildMetadata({
    isTest: false,
    contact,
    reason: "manual",
    source: "trigger_task_test",
    initiatedBy: userId,
    workspaceId: workspace,
    flow: { id: flow.id, name: flow.name, definition: check.definition },
  });
  const { rows } = await db.query<{ id: string }>(
    `insert into public.flow_executions (flow_id, workspace_id, contact_id, status, enrollment_reason, is_test, metadata)
     values ($1, $2, $3, 'pending', 'manual', false, $4) returning id`,
    [flow.id, workspace, contact.id, metadata],
  );
  return (rows[0] as { id: string }).id;
}

/** Calls the registered task's real `run` as the worker would: payload parsed, then run in a task context. */
function runTask(payload: unknown, runId = `run_${Math.random().toString(36).slice(2, 12)}`) {
  const task = resourceCatalog.getTask(UNIFIED_WORKFLOW_TASK);
  if (!task) throw new Error(`task ${UNIFIED_WORKFLOW_TASK} is not registered`);
  return runInMockTaskContext(
    async ({ ctx }) => {
      const parsed = task.fns.parsePayload ? await task.fns.parsePayload(payload) : payload;
      return task.fns.run(parsed, { ctx, signal: new AbortController().signal });
    },
    { ctx: { task: { id: UNIFIED_WORKFLOW_TASK, filePath: "trigger/unifiedWorkflows.ts" }, run: { id: runId } } },
  );
}

describe("the unified-workflow task", () => {
  it("is registered under the id the dispatcher triggers, and rejects a payload without a UUID", async () => {
    expect(unifiedWorkflow.id).toBe("unified-workflow");
    expect(resourceCatalog.getTaskManifest(UNIFIED_WORKFLOW_TASK)).toMatchObject({
      id: "unified-workflow",
      filePath: "trigger/unifiedWorkflows.ts",
    });
    await expect(runTask({ executionId: "not-a-uuid" })).rejects.toThrow();
    await expect(runTask({})).rejects.toThrow();
  });

  it("runs an execution to completion, and a second run (a Trigger.dev retry) repeats nothing", async () => {
    const flowId = await createFlow(db, workspace, {
      nodes: [node.trigger(), node.email("welcome"), node.sms("nudge"), node.exit()],
      edges: chain("trigger", "welcome", "nudge", "exit"),
    });
    const contactId = await createContact(db, workspace, { name: "Terry Task", email: "terry@example.com" });
    const id = await pendingExecution(flowId, contactId);

    await expect(runTask({ executionId: id })).resolves.toBe("completed");

    const done = await execution(db, id);
    expect(done.status).toBe("completed");
    expect(done.started_at).not.toBeNull();
    expect(done.completed_at).not.toBeNull();
    expect(done.error).toBeNull();
    expect(done.result).toMatchObject({ path: ["trigger", "welcome", "nudge", "exit"], attempt: 1 });
    const all = await steps(db, id);
    expect(all.map((s) => [s.node_id, s.status, s.attempt])).toEqual([
      ["trigger", "success", 1],
      ["welcome", "success", 1],
      ["nudge", "success", 1],
      ["exit", "success", 1],
    ]);
    expect(all[1]?.result).toMatchObject({ success: true, to: "terry@example.com", provider: "outbox" });
    expect((await outbox(db, id)).map((m) => [m.node_id, m.channel, m.recipient])).toEqual([
      ["welcome", "email", "terry@example.com"],
      ["nudge", "sms", "+15550100200"],
    ]);

    await expect(runTask({ executionId: id })).resolves.toBe("not_runnable");
    expect(await outbox(db, id)).toHaveLength(2);
    expect(await steps(db, id)).toHaveLength(4);
  });

  it("waits on a delay with wait.until in the same run, showing next_execution_at meanwhile", async () => {
    // Outside a task context the SDK refuses to wait: the pause below comes from the task context.
    await expect(wait.until({ date: new Date(Date.now() + 100) })).rejects.toThrow(/inside a task\.run/);

    const due = new Date(Date.now() + 1_500);
    const flowId = await createFlow(db, workspace, {
      nodes: [node.trigger(), node.email("welcome"), node.delayUntil("wait", due), node.email("tips")],
      edges: chain("trigger", "welcome", "wait", "tips"),
    });
    const contactId = await createContact(db, workspace, { name: "Dana Delay", email: "dana@example.com" });
    const id = await pendingExecution(flowId, contactId);
    const waitUntil = vi.spyOn(wait, "until");

    try {
      const run = runTask({ executionId: id });
      const waiting = await waitForExecution(db, id, (e) => e.next_execution_at !== null, 5_000);
      expect(waiting.status).toBe("running");
      expect(waiting.current_node_id).toBe("wait");
      expect(waiting.next_execution_at?.toISOString()).toBe(due.toISOString());
      expect((await steps(db, id)).map((s) => [s.node_id, s.status])).toEqual([
        ["trigger", "success"],
        ["welcome", "success"],
        ["wait", "running"],
      ]);
      expect(await outbox(db, id)).toHaveLength(1);

      await expect(run).resolves.toBe("completed");
      expect(Date.now()).toBeGreaterThanOrEqual(due.getTime());
      expect(waitUntil).toHaveBeenCalledTimes(1);
      expect(waitUntil).toHaveBeenCalledWith({ date: due });
    } finally {
      waitUntil.mockRestore();
    }

    const done = await execution(db, id);
    expect(done.status).toBe("completed");
    expect(done.next_execution_at).toBeNull();
    expect(done.result).toMatchObject({ path: ["trigger", "welcome", "wait", "tips"] });
    const all = await steps(db, id);
    expect(all.map((s) => [s.node_id, s.status])).toEqual([
      ["trigger", "success"],
      ["welcome", "success"],
      ["wait", "success"],
      ["tips", "success"],
    ]);
    expect(all[2]?.result).toMatchObject({ resumeAt: due.toISOString() });
    expect((all[2]?.result?.waitedMs as number) >= 1_000).toBe(true);
    expect((await outbox(db, id)).map((m) => [m.node_id, m.recipient])).toEqual([
      ["welcome", "dana@example.com"],
      ["tips", "dana@example.com"],
    ]);
  });

  describe("a delay longer than five seconds", () => {
    let server: Server;
    const waitpointRequests: {
      url: string;
      authorization: string | undefined;
      body: unknown;
      atThatMoment: unknown;
    }[] = [];
    let watchedExecution = "";

    beforeAll(async () => {
      // Trigger.dev's API, for the one call a long wait makes; it checks the SDK's wire format.
      server = createServer((req: IncomingMessage, res: ServerResponse) => {
        let raw = "";
        req.on("data", (chunk) => {
          raw += chunk;
        });
        req.on("end", async () => {
          const body = JSON.parse(raw || "null") as { date: string };
          const row = await execution(db, watchedExecution);
          waitpointRequests.push({
            url: `${req.method} ${req.url}`,
            authorization: req.headers.authorization,
            body,
            atThatMoment: {
              status: row.status,
              current: row.current_node_id,
              next: row.next_execution_at?.toISOString(),
            },
          });
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ waitUntil: body.date, waitpoint: { id: "waitpoint_test123" } }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      process.env.TRIGGER_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      process.env.TRIGGER_SECRET_KEY = "tr_dev_test_waitpoints";
    });

    afterAll(async () => {
      delete process.env.TRIGGER_API_URL;
      delete process.env.TRIGGER_SECRET_KEY;
      await new Promise((resolve) => server.close(resolve));
    });

    it("asks Trigger.dev for a duration waitpoint at the due time, after recording next_execution_at", async () => {
      const due = new Date(Date.now() + 60 * 60_000);
      const flowId = await createFlow(db, workspace, {
        nodes: [node.trigger(), node.email("welcome"), node.delayUntil("wait", due), node.email("tips")],
        edges: chain("trigger", "welcome", "wait", "tips"),
      });
      const contactId = await createContact(db, workspace, { email: "lee@example.com" });
      const id = await pendingExecution(flowId, contactId);
      watchedExecution = id;

      // The mock runtime resumes a waitpoint at once, where the real one checkpoints the run
      // and restores it at the due time; the task code sees the same thing either way.
      await expect(runTask({ executionId: id }, "run_longwait1")).resolves.toBe("completed");

      expect(waitpointRequests).toEqual([
        {
          url: "POST /engine/v1/runs/run_longwait1/wait/duration",
          authorization: "Bearer tr_dev_test_waitpoints",
          body: { date: due.toISOString() },
          atThatMoment: { status: "running", current: "wait", next: due.toISOString() },
        },
      ]);
      expect((await outbox(db, id)).map((m) => m.node_id)).toEqual(["welcome", "tips"]);
    });
  });
});
