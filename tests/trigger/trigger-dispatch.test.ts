import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { triggerDevDispatcher } from "../../src/runner/trigger-dispatch.ts";
import { adminDb } from "../support/clients.ts";
import { chain, createContact, createFlow, execution, node } from "../support/engine.ts";
import { createWorkspace } from "../support/fixtures.ts";

const SECRET = "tr_dev_test_dispatch_secret";
const ENV_KEYS = ["TRIGGER_API_URL", "TRIGGER_SECRET_KEY"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

interface TriggerRequest {
  method: string | undefined;
  url: string | undefined;
  authorization: string | undefined;
  body: {
    payload: string;
    options: {
      payloadType: string;
      idempotencyKey: string;
      idempotencyKeyOptions: { key: string; scope: string };
      tags: string[];
    };
  };
}

/** Trigger.dev's trigger endpoint: records what the real SDK sends and answers per execution. */
let requests: TriggerRequest[] = [];
let answer: (executionId: string) => { status: number; body: unknown } = () => ({ status: 500, body: {} });
let server: Server;

const db = adminDb();
let workspace: string;
let flowId: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      const body = JSON.parse(raw) as TriggerRequest["body"];
      requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
      const executionId = (JSON.parse(body.payload) as { json: { executionId: string } }).json.executionId;
      const reply = answer(executionId);
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // The SDK reads both at call time (apiClientManager), so setting them here is enough.
  process.env.TRIGGER_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.TRIGGER_SECRET_KEY = SECRET;

  workspace = await createWorkspace(db);
  flowId = await createFlow(db, workspace, {
    nodes: [node.trigger(), node.email("welcome")],
    edges: chain("trigger", "welcome"),
  });
});

beforeEach(() => {
  requests = [];
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await new Promise((resolve) => server.close(resolve));
  await db.end();
});

/** Pending rows only: nothing is enqueued for the local runner, so only this test's dispatch acts on them. */
async function insertPending(contactId: string | null, attempt = 1): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into public.flow_executions (flow_id, workspace_id, contact_id, status, attempt, metadata)
     values ($1, $2, $3, 'pending', $4, '{}') returning id`,
    [flowId, workspace, contactId, attempt],
  );
  return (rows[0] as { id: string }).id;
}

function requestFor(executionId: string): TriggerRequest {
  const found = requests.find((r) => r.body.payload.includes(executionId));
  if (!found) throw new Error(`no trigger request for ${executionId}: ${JSON.stringify(requests)}`);
  return found;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("dispatching executions to Trigger.dev", () => {
  it("triggers unified-workflow once per execution with its idempotency key and tags, and stores the run id", async () => {
    answer = (executionId) => ({ status: 200, body: { id: `run_${executionId.slice(0, 8)}` } });
    const contactId = await createContact(db, workspace);
    const first = await insertPending(contactId);
    const retried = await insertPending(null, 3);

    await triggerDevDispatcher.afterCommit(db, [first, retried]);

    expect(requests).toHaveLength(2);
    const request = requestFor(first);
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/api/v1/tasks/unified-workflow/trigger");
    expect(request.authorization).toBe(`Bearer ${SECRET}`);
    expect(request.body.options.payloadType).toBe("application/super+json");
    expect(JSON.parse(request.body.payload)).toEqual({ json: { executionId: first } });
    // The SDK sends the key hashed (SHA-256; outside a task nothing else is mixed in) and the readable key beside it.
    expect(request.body.options.idempotencyKey).toBe(sha256(`${first}:1`));
    expect(request.body.options.idempotencyKeyOptions).toEqual({ key: `${first}:1`, scope: "global" });
    expect(request.body.options.tags).toEqual([`execution:${first}`, `flow:${flowId}`, `contact:${contactId}`]);

    const other = requestFor(retried);
    expect(other.body.options.idempotencyKeyOptions).toEqual({ key: `${retried}:3`, scope: "global" });
    expect(other.body.options.tags).toEqual([`execution:${retried}`, `flow:${flowId}`]);

    const { rows } = await db.query<{ id: string; status: string; trigger_run_id: string | null }>(
      "select id, status, trigger_run_id from public.flow_executions where id = any($1::uuid[]) order by attempt",
      [[first, retried]],
    );
    expect(rows).toEqual([
      { id: first, status: "pending", trigger_run_id: `run_${first.slice(0, 8)}` },
      { id: retried, status: "pending", trigger_run_id: `run_${retried.slice(0, 8)}` },
    ]);
  });

  it("marks only the execution Trigger.dev refused as failed, with the reason, and leaves the others pending", async () => {
    const refused = await insertPending(await createContact(db, workspace));
    const accepted = await insertPending(await createContact(db, workspace));
    // 422 is not retried by the SDK (only 408, 409, 429 and 5xx are), so the refusal is immediate.
    answer = (executionId) =>
      executionId === refused
        ? { status: 422, body: { error: "Task unified-workflow is not deployed to this environment" } }
        : { status: 200, body: { id: "run_accepted1" } };

    await triggerDevDispatcher.afterCommit(db, [refused, accepted]);

    expect(requests).toHaveLength(2);
    const failed = await execution(db, refused);
    expect(failed.status).toBe("failed");
    expect(failed.error).toBe(
      "could not dispatch to Trigger.dev: Task unified-workflow is not deployed to this environment",
    );
    expect(failed.completed_at).not.toBeNull();
    const ok = await execution(db, accepted);
    expect(ok.status).toBe("pending");
    expect(ok.error).toBeNull();
    const { rows } = await db.query("select trigger_run_id from public.flow_executions where id = $1", [accepted]);
    expect(rows[0].trigger_run_id).toBe("run_accepted1");
  });

  it("without a secret key fails the execution instead of leaving it pending", async () => {
    const id = await insertPending(null);
    delete process.env.TRIGGER_SECRET_KEY;
    try {
      await triggerDevDispatcher.afterCommit(db, [id]);
    } finally {
      process.env.TRIGGER_SECRET_KEY = SECRET;
    }
    expect(requests).toHaveLength(0);
    const failed = await execution(db, id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/^could not dispatch to Trigger\.dev: /);
  });
});
