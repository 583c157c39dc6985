import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminDb } from "../support/clients.ts";
import {
  callFunction,
  chain,
  createContact,
  createFlow,
  execution,
  node,
  outbox,
  steps,
  waitForExecution,
} from "../support/engine.ts";
import { createWorkspace, memberToken } from "../support/fixtures.ts";

const db = adminDb();
let workspace: string;
let token: string;
let outsiderToken: string;

beforeAll(async () => {
  workspace = await createWorkspace(db);
  token = await memberToken(db, workspace);
  outsiderToken = await memberToken(db, await createWorkspace(db));
});
afterAll(() => db.end());

/** Email → SMS → Email for a contact whose phone fails: the SMS step fails, the first email was sent. */
async function failedExecution() {
  const flowId = await createFlow(db, workspace, {
    nodes: [node.trigger(), node.email("hello"), node.sms("text"), node.email("bye")],
    edges: chain("trigger", "hello", "text", "bye"),
  });
  const contactId = await createContact(db, workspace, { phone: "+15559990042" });
  const { body } = await callFunction("enroll-contacts", { flowId, contactIds: [contactId] }, token);
  const id = (body.executions as { id: string }[])[0]?.id as string;
  await waitForExecution(db, id, (e) => e.status === "failed");
  return { id, flowId, contactId };
}

async function fixPhone(contactId: string) {
  await db.query("update public.contacts set phone = '+15550100999' where id = $1", [contactId]);
}

describe("retry-executions", () => {
  it("from the failed step: same execution, next attempt, finished steps not repeated", async () => {
    const { id, contactId } = await failedExecution();
    await fixPhone(contactId);
    const { status, body } = await callFunction("retry-executions", { executionIds: [id], mode: "failed-step" }, token);
    expect(status).toBe(200);
    expect(body.results).toEqual([{ id, outcome: "retried", executionId: id }]);

    const done = await waitForExecution(db, id, (e) => e.status === "completed");
    expect(done.attempt).toBe(2);
    expect((await steps(db, id)).map((s) => [s.node_id, s.attempt, s.status])).toEqual([
      ["trigger", 1, "success"],
      ["hello", 1, "success"],
      ["text", 1, "failed"],
      ["text", 2, "success"],
      ["bye", 2, "success"],
    ]);
    // The first email went out once, in attempt 1: the retry did not send it again.
    expect((await outbox(db, id)).map((m) => m.node_id)).toEqual(["hello", "text", "bye"]);
  });

  it("restart: a new execution on the flow's current definition, linked to the original", async () => {
    const { id, contactId } = await failedExecution();
    await fixPhone(contactId);
    const { body } = await callFunction("retry-executions", { executionIds: [id], mode: "restart" }, token);
    const [result] = body.results as { outcome: string; executionId: string }[];
    expect(result).toMatchObject({ id, outcome: "retried", executionId: expect.any(String) });
    expect(result?.executionId).not.toBe(id);

    const restarted = await waitForExecution(db, result?.executionId as string, (e) => e.status === "completed");
    const { rows } = await db.query(
      "select retry_of, contact_id, enrollment_reason from public.flow_executions where id = $1",
      [restarted.id],
    );
    expect(rows[0]).toEqual({ retry_of: id, contact_id: contactId, enrollment_reason: "manual" });
    expect((await execution(db, id)).status).toBe("failed");
    expect((await outbox(db, restarted.id)).map((m) => m.node_id)).toEqual(["hello", "text", "bye"]);
  });

  it.each(["failed-step", "restart"] as const)(
    "20 concurrent %s requests for one failed execution make exactly one new attempt",
    async (mode) => {
      const { id, contactId } = await failedExecution();
      await fixPhone(contactId);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => callFunction("retry-executions", { executionIds: [id], mode }, token)),
      );
      expect(answers.every((a) => a.status === 200)).toBe(true);
      const outcomes = answers.map((a) => (a.body.results as { outcome: string }[])[0]?.outcome);
      expect(outcomes.filter((o) => o === "retried")).toHaveLength(1);
      expect(outcomes.filter((o) => o === "skipped")).toHaveLength(19);
      if (mode === "failed-step") {
        const done = await waitForExecution(db, id, (e) => e.status === "completed");
        expect(done.attempt).toBe(2);
      } else {
        const { rows } = await db.query("select id from public.flow_executions where retry_of = $1", [id]);
        expect(rows).toHaveLength(1);
      }
    },
    30_000,
  );

  it("retries a failed attempt once across both modes: a restarted execution is not resumed too", async () => {
    const { id, contactId } = await failedExecution();
    await fixPhone(contactId);
    const restart = await callFunction("retry-executions", { executionIds: [id], mode: "restart" }, token);
    const restartedAs = (restart.body.results as { executionId: string }[])[0]?.executionId;
    await waitForExecution(db, restartedAs as string, (e) => e.status === "completed");

    const resume = await callFunction("retry-executions", { executionIds: [id], mode: "failed-step" }, token);
    expect(resume.body.results).toEqual([
      { id, outcome: "skipped", reason: "already restarted", executionId: restartedAs },
    ]);
    expect(await execution(db, id)).toMatchObject({ status: "failed", attempt: 1 });
  });

  it("20 concurrent requests for one failed execution, half of each mode, make exactly one new attempt", async () => {
    const { id, contactId } = await failedExecution();
    await fixPhone(contactId);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        callFunction("retry-executions", { executionIds: [id], mode: i % 2 ? "restart" : "failed-step" }, token),
      ),
    );
    const outcomes = answers.map((a) => (a.body.results as { outcome: string }[])[0]?.outcome);
    expect(outcomes.filter((o) => o === "retried")).toHaveLength(1);
    const { rows: restarts } = await db.query("select id from public.flow_executions where retry_of = $1", [id]);
    const { attempt } = await execution(db, id);
    // Either one restart and the original left at attempt 1, or no restart and attempt 2.
    expect([restarts.length, attempt]).toEqual(restarts.length ? [1, 1] : [0, 2]);
  }, 30_000);

  it("skips what is not failed, reports unknown ids, and refuses another workspace's execution", async () => {
    const { id, contactId } = await failedExecution();
    await fixPhone(contactId);
    await callFunction("retry-executions", { executionIds: [id], mode: "failed-step" }, token);
    await waitForExecution(db, id, (e) => e.status === "completed");
    const ghost = randomUUID();
    const { body } = await callFunction("retry-executions", { executionIds: [id, ghost], mode: "failed-step" }, token);
    expect(body.results).toEqual([
      { id, outcome: "skipped", reason: "status is completed: only failed executions can be retried" },
      { id: ghost, outcome: "skipped", reason: "not found" },
    ]);

    const refused = await callFunction("retry-executions", { executionIds: [id], mode: "restart" }, outsiderToken);
    expect(refused.status).toBe(403);
    const viewer = await memberToken(db, workspace, "viewer");
    const looked = await callFunction("retry-executions", { executionIds: [id], mode: "restart" }, viewer);
    expect(looked.status).toBe(403);
    expect(looked.body.error).toMatch(/viewers .* can look, not change anything/);
    expect((await callFunction("cancel-executions", { executionIds: [id] }, viewer)).status).toBe(403);
    const bad = await callFunction("retry-executions", { executionIds: [id], mode: "again" }, token);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/mode must be one of failed-step, restart/);
    const anonymous = await callFunction("retry-executions", { executionIds: [id], mode: "restart" });
    expect(anonymous.status).toBe(401);
  });
});

describe("cancel-executions", () => {
  it("cancels a delayed execution: its queued job is removed and nothing more is sent", async () => {
    const flowId = await createFlow(db, workspace, {
      nodes: [
        node.trigger(),
        node.email("first"),
        node.delayUntil("wait", new Date(Date.now() + 1_500)),
        node.email("second"),
      ],
      edges: chain("trigger", "first", "wait", "second"),
    });
    const { body } = await callFunction(
      "enroll-contacts",
      { flowId, contactIds: [await createContact(db, workspace)] },
      token,
    );
    const id = (body.executions as { id: string }[])[0]?.id as string;
    await waitForExecution(db, id, (e) => e.next_execution_at !== null);

    const answer = await callFunction("cancel-executions", { executionIds: [id] }, token);
    expect(answer.body.results).toEqual([{ id, outcome: "cancelled" }]);
    const cancelled = await execution(db, id);
    expect(cancelled).toMatchObject({ status: "cancelled", next_execution_at: null });
    expect(cancelled.completed_at).not.toBeNull();
    // The delay it was waiting on is closed, not left running.
    expect((await steps(db, id)).map((s) => [s.node_id, s.status, s.result?.reason ?? null])).toEqual([
      ["trigger", "success", null],
      ["first", "success", null],
      ["wait", "skipped", "execution cancelled"],
    ]);
    const { rows: jobs } = await db.query("select 1 from graphile_worker.jobs where key = $1", [`execution:${id}`]);
    expect(jobs).toHaveLength(0);

    await new Promise((r) => setTimeout(r, 2_000));
    expect((await execution(db, id)).status).toBe("cancelled");
    expect((await outbox(db, id)).map((m) => m.node_id)).toEqual(["first"]);

    const again = await callFunction("cancel-executions", { executionIds: [id] }, token);
    expect(again.body.results).toEqual([
      { id, outcome: "skipped", reason: "status is cancelled: only pending or running executions can be cancelled" },
    ]);
    expect((await callFunction("cancel-executions", { executionIds: [id] }, outsiderToken)).status).toBe(403);
    expect((await callFunction("cancel-executions", { executionIds: [] }, token)).status).toBe(400);
  });
});
