import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EnrollmentFilters, LogFilters } from "../../src/domain/execution-filters.ts";
import type { FlowDefinition } from "../../src/domain/flow-definition.ts";
import type { EnrollmentReason, ExecutionStatus, StepStatus } from "../../src/domain/statuses.ts";
import { buildMetadata } from "../../src/engine/metadata.ts";
import {
  FlowExecutionService,
  FlowExecutionServiceError,
  type PageOptions,
} from "../../src/services/flow-execution-service.ts";
import { adminDb, anonClient, signedInClient } from "../support/clients.ts";
import { chain, createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

/**
 * FlowExecutionService through supabase-js as a signed-in member, against the real views,
 * PostgREST and RLS. Every fixture is written as superuser with explicit timestamps, so
 * each filter's expected rows are known exactly and named (e1…, s1…) in the assertions.
 */

const db = adminDb();

/** A time on a day of January 2026, UTC. */
function at(day: number, time = "10:00:00", plusMs = 0): string {
  const base = new Date(`2026-01-${String(day).padStart(2, "0")}T${time}Z`);
  return new Date(base.getTime() + plusMs).toISOString();
}

const CONTACTS = {
  alice: { name: "Alice Anderson", email: "alice@example.com" },
  bob: { name: "Bob Brown", email: "bob.brown@example.com" },
  carol: { name: "Carol Chen", email: "carol@chen.example" },
  dave: { name: "Dave Davis", email: "dave@example.org" },
  // Every character PostgREST's logic trees or LIKE treat specially, in one name.
  ann: { name: "O'Neil, Ann_%", email: "ann.oneil@example.com" },
  grace: { name: "Grace Hopper", email: "grace_hopper@example.com" },
  neil: { name: "Neil Young", email: "neil@young.example" },
  // What "Ann_" or "Ann%" would also match if `_` / `%` were wildcards.
  annie: { name: "Annie Hall", email: "annie@hall.example" },
  erin: { name: "Erin Evans", email: "erin@example.com" },
  frank: { name: "Frank Foster", email: "frank@example.com" },
  // Deleted once enrolled: its history keeps the snapshot.
  gone: { name: "Deleted Person", email: "gone@example.com" },
} as const;
type ContactKey = keyof typeof CONTACTS;

const DEFINITIONS = {
  welcome: {
    nodes: [
      node.trigger(),
      node.email("welcome_email"),
      { id: "wait", type: "delay", config: { amount: 1, unit: "hours" } },
      { id: "check", type: "condition", config: { field: "tags", operator: "contains", value: "vip" } },
      node.sms("reminder_sms"),
      node.exit(),
    ],
    edges: [
      ...chain("trigger", "welcome_email", "wait", "check"),
      { id: "yes", source: "check", target: "reminder_sms", branch: "yes" },
      { id: "no", source: "check", target: "exit", branch: "no" },
    ],
  },
  sms: { nodes: [node.trigger(), node.sms("sms")], edges: chain("trigger", "sms") },
} satisfies Record<string, FlowDefinition>;
const FLOW_NAMES = { welcome: "Welcome series", sms: "SMS reminders" } as const;
type FlowKey = keyof typeof DEFINITIONS;

interface ExecutionSpec {
  flow: FlowKey;
  contact: ContactKey;
  status: ExecutionStatus;
  reason: EnrollmentReason;
  source: string;
  day: number;
  isTest?: boolean;
  currentNodeId?: string;
  nextExecutionAt?: string;
  /** The key (e1…) of the execution this one restarted. */
  retryOf?: string;
  attempt?: number;
  error?: string;
}

/** Workspace A's executions; eN is enrolled on January N at 10:00 UTC. */
const EXECUTIONS = {
  e1: { flow: "welcome", contact: "alice", status: "completed", reason: "manual", source: "contact_page", day: 1 },
  e2: {
    flow: "welcome",
    contact: "bob",
    status: "failed",
    reason: "scheduled",
    source: "daily",
    day: 2,
    error: "boom",
  },
  e3: {
    flow: "welcome",
    contact: "carol",
    status: "running",
    reason: "webhook",
    source: "crm_sync",
    day: 3,
    currentNodeId: "wait",
    nextExecutionAt: at(10, "09:00:00"),
  },
  e4: { flow: "welcome", contact: "dave", status: "pending", reason: "manual", source: "contact_page", day: 4 },
  e5: { flow: "welcome", contact: "ann", status: "cancelled", reason: "manual", source: "contact_page", day: 5 },
  e6: {
    flow: "welcome",
    contact: "alice",
    status: "completed",
    reason: "manual",
    source: "flow_builder_test",
    day: 6,
    isTest: true,
  },
  // The restart of e2.
  e7: {
    flow: "welcome",
    contact: "bob",
    status: "running",
    reason: "manual",
    source: "restart",
    day: 7,
    retryOf: "e2",
    attempt: 2,
    currentNodeId: "welcome_email",
  },
  e8: { flow: "welcome", contact: "gone", status: "completed", reason: "webhook", source: "crm_sync", day: 8 },
  e9: { flow: "sms", contact: "grace", status: "completed", reason: "scheduled", source: "daily", day: 9 },
  e10: {
    flow: "sms",
    contact: "neil",
    status: "failed",
    reason: "manual",
    source: "flow_builder_test",
    day: 10,
    isTest: true,
  },
  e11: { flow: "sms", contact: "annie", status: "pending", reason: "scheduled", source: "daily", day: 11 },
  e12: { flow: "sms", contact: "erin", status: "running", reason: "webhook", source: "crm_sync", day: 12 },
  e13: { flow: "sms", contact: "frank", status: "cancelled", reason: "manual", source: "contact_page", day: 13 },
} satisfies Record<string, ExecutionSpec>;
type ExecutionKey = keyof typeof EXECUTIONS;

interface StepSpec {
  execution: ExecutionKey;
  nodeId: string;
  nodeType: "send_email" | "send_sms" | "delay" | "condition";
  status: StepStatus;
  createdAt: string;
  /** Started this long after created_at; null: never started. */
  startedAfterMs: number | null;
  durationMs?: number;
  result?: unknown;
  error?: string;
}

/** Workspace A's steps; each on its execution's day. */
const STEPS = {
  s1: {
    execution: "e1",
    nodeId: "welcome_email",
    nodeType: "send_email",
    status: "success",
    createdAt: at(1, "10:00:01"),
    startedAfterMs: 500,
    durationMs: 2000,
    result: { messageId: "msg-1" },
  },
  s2: {
    execution: "e1",
    nodeId: "wait",
    nodeType: "delay",
    status: "success",
    createdAt: at(1, "10:00:04"),
    startedAfterMs: 0,
    durationMs: 3_600_000,
  },
  s3: {
    execution: "e1",
    nodeId: "check",
    nodeType: "condition",
    status: "success",
    createdAt: at(1, "11:00:05"),
    startedAfterMs: 0,
    durationMs: 0,
    result: { branch: "yes" },
  },
  s4: {
    execution: "e1",
    nodeId: "reminder_sms",
    nodeType: "send_sms",
    status: "success",
    createdAt: at(1, "11:00:06"),
    startedAfterMs: 500,
    durationMs: 1500,
    result: { sid: "SM-1" },
  },
  s5: {
    execution: "e2",
    nodeId: "welcome_email",
    nodeType: "send_email",
    status: "failed",
    createdAt: at(2, "10:00:01"),
    startedAfterMs: 0,
    durationMs: 500,
    error: "SMTP 550 mailbox unavailable",
  },
  s6: {
    execution: "e3",
    nodeId: "welcome_email",
    nodeType: "send_email",
    status: "success",
    createdAt: at(3, "10:00:01"),
    startedAfterMs: 0,
    durationMs: 800,
  },
  s7: {
    execution: "e3",
    nodeId: "wait",
    nodeType: "delay",
    status: "running",
    createdAt: at(3, "10:00:03"),
    startedAfterMs: 0,
  },
  s8: {
    execution: "e5",
    nodeId: "welcome_email",
    nodeType: "send_email",
    status: "success",
    createdAt: at(5, "10:00:01"),
    startedAfterMs: 0,
    durationMs: 700,
  },
  s9: {
    execution: "e5",
    nodeId: "wait",
    nodeType: "delay",
    status: "skipped",
    createdAt: at(5, "10:00:03"),
    startedAfterMs: null,
  },
  s10: {
    execution: "e6",
    nodeId: "welcome_email",
    nodeType: "send_email",
    status: "success",
    createdAt: at(6, "10:00:01"),
    startedAfterMs: 0,
    durationMs: 600,
  },
  s11: {
    execution: "e7",
    nodeId: "welcome_email",
    nodeType: "send_email",
    status: "pending",
    createdAt: at(7, "10:00:01"),
    startedAfterMs: null,
  },
  s12: {
    execution: "e9",
    nodeId: "sms",
    nodeType: "send_sms",
    status: "success",
    createdAt: at(9, "10:00:01"),
    startedAfterMs: 0,
    durationMs: 1200,
    result: { sid: "SM-9" },
  },
  s13: {
    execution: "e10",
    nodeId: "sms",
    nodeType: "send_sms",
    status: "failed",
    createdAt: at(10, "10:00:01"),
    startedAfterMs: 0,
    durationMs: 300,
    error: "Twilio 21211 invalid number",
  },
  s14: {
    execution: "e8",
    nodeId: "welcome_email",
    nodeType: "send_email",
    status: "success",
    createdAt: at(8, "10:00:01"),
    startedAfterMs: 0,
    durationMs: 900,
  },
} satisfies Record<string, StepSpec>;
type StepKey = keyof typeof STEPS;

const EXACT = { count: "exact" } as const satisfies PageOptions;

let workspaceA: string;
let workspaceB: string;
const flows = {} as Record<FlowKey, string>;
let flowB: string;
const contacts = {} as Record<ContactKey, string>;
const executions = {} as Record<ExecutionKey, string>;
const steps = {} as Record<StepKey, string>;
let executionB: string;
/** Fixture id → its name in this file, for readable assertions. */
const names = new Map<string, string>();
let service: FlowExecutionService;
let serviceOfB: FlowExecutionService;

async function insertExecution(
  workspaceId: string,
  flowId: string,
  flow: { name: string; definition: FlowDefinition },
  contact: { id: string; name: string; email: string },
  spec: Omit<ExecutionSpec, "flow" | "contact" | "retryOf"> & { retryOf?: string },
): Promise<string> {
  const createdAt = at(spec.day);
  const started = spec.status === "pending" ? null : at(spec.day, "10:00:00", 1000);
  const finished = ["completed", "failed", "cancelled"].includes(spec.status) ? at(spec.day, "12:00:00") : null;
  const metadata = buildMetadata({
    isTest: spec.isTest ?? false,
    contact: { ...contact, phone: "+15550100200", tags: [] },
    reason: spec.reason,
    source: spec.source,
    initiatedBy: "user-1",
    workspaceId,
    flow: { id: flowId, ...flow },
  });
  const { rows } = await db.query<{ id: string }>(
    `insert into public.flow_executions
       (flow_id, contact_id, workspace_id, status, enrollment_reason, is_test, started_at, completed_at,
        current_node_id, next_execution_at, attempt, retry_of, error, metadata, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
    [
      flowId,
      contact.id,
      workspaceId,
      spec.status,
      spec.reason,
      spec.isTest ?? false,
      started,
      finished,
      spec.currentNodeId ?? null,
      spec.nextExecutionAt ?? null,
      spec.attempt ?? 1,
      spec.retryOf ?? null,
      spec.error ?? null,
      metadata,
      createdAt,
    ],
  );
  return (rows[0] as { id: string }).id;
}

async function insertStep(executionId: string, spec: Omit<StepSpec, "execution">): Promise<string> {
  const started =
    spec.startedAfterMs === null ? null : new Date(Date.parse(spec.createdAt) + spec.startedAfterMs).toISOString();
  const completed =
    started && spec.durationMs !== undefined ? new Date(Date.parse(started) + spec.durationMs).toISOString() : null;
  const { rows } = await db.query<{ id: string }>(
    `insert into public.flow_execution_steps
       (execution_id, node_id, node_type, status, started_at, completed_at, result, error, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      executionId,
      spec.nodeId,
      spec.nodeType,
      spec.status,
      started,
      completed,
      spec.result === undefined ? null : JSON.stringify(spec.result),
      spec.error ?? null,
      spec.createdAt,
    ],
  );
  return (rows[0] as { id: string }).id;
}

async function insertContact(workspaceId: string, fields: { name: string; email: string }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    "insert into public.contacts (workspace_id, name, email, phone) values ($1, $2, $3, '+15550100200') returning id",
    [workspaceId, fields.name, fields.email],
  );
  return (rows[0] as { id: string }).id;
}

beforeAll(async () => {
  workspaceA = await createWorkspace(db, "Service workspace A");
  workspaceB = await createWorkspace(db, "Service workspace B");

  for (const key of Object.keys(DEFINITIONS) as FlowKey[]) {
    flows[key] = await createFlow(db, workspaceA, DEFINITIONS[key], { name: FLOW_NAMES[key] });
    names.set(flows[key], key);
  }
  for (const key of Object.keys(CONTACTS) as ContactKey[]) {
    contacts[key] = await insertContact(workspaceA, CONTACTS[key]);
  }
  // Not in date order (e2 must precede its restart e7): the service's order is the database's.
  const order: ExecutionKey[] = ["e5", "e2", "e13", "e9", "e1", "e7", "e12", "e3", "e10", "e4", "e11", "e8", "e6"];
  for (const key of order) {
    const spec: ExecutionSpec = EXECUTIONS[key];
    executions[key] = await insertExecution(
      workspaceA,
      flows[spec.flow],
      { name: FLOW_NAMES[spec.flow], definition: DEFINITIONS[spec.flow] },
      { id: contacts[spec.contact], ...CONTACTS[spec.contact] },
      { ...spec, retryOf: spec.retryOf ? executions[spec.retryOf as ExecutionKey] : undefined },
    );
    names.set(executions[key], key);
  }
  for (const key of (Object.keys(STEPS) as StepKey[]).reverse()) {
    const spec: StepSpec = STEPS[key];
    steps[key] = await insertStep(executions[spec.execution], spec);
    names.set(steps[key], key);
  }
  await db.query("delete from public.contacts where id = $1", [contacts.gone]);

  // Workspace B: a contact with the same name as one of A's, a flow, two executions, a step.
  const definitionB = DEFINITIONS.sms;
  flowB = await createFlow(db, workspaceB, definitionB, { name: "B's flow" });
  const aliceB = { id: await insertContact(workspaceB, CONTACTS.alice), ...CONTACTS.alice };
  const flowOfB = { name: "B's flow", definition: definitionB };
  executionB = await insertExecution(workspaceB, flowB, flowOfB, aliceB, {
    status: "completed",
    reason: "manual",
    source: "contact_page",
    day: 2,
  });
  await insertExecution(workspaceB, flowB, flowOfB, aliceB, {
    status: "running",
    reason: "webhook",
    source: "crm_sync",
    day: 3,
    currentNodeId: "sms",
  });
  await insertStep(executionB, {
    nodeId: "sms",
    nodeType: "send_sms",
    status: "success",
    createdAt: at(2, "10:00:01"),
    startedAfterMs: 0,
    durationMs: 100,
  });

  const memberA = await createUser(db, { workspaceId: workspaceA });
  service = new FlowExecutionService(await signedInClient(memberA.email, memberA.password));
  const memberB = await createUser(db, { workspaceId: workspaceB });
  serviceOfB = new FlowExecutionService(await signedInClient(memberB.email, memberB.password));
});
afterAll(() => db.end());

function named(rows: { id: string }[]): string[] {
  return rows.map((row) => names.get(row.id) ?? row.id);
}

async function enrollments(
  flow: FlowKey | null,
  filters: EnrollmentFilters = {},
  options: PageOptions = {},
): Promise<{ names: string[]; total: number }> {
  const page = await service.getEnrollmentHistory(flow ? flows[flow] : null, workspaceA, filters, {
    ...EXACT,
    ...options,
  });
  return { names: named(page.rows), total: page.total };
}

async function logs(
  flow: FlowKey | null,
  filters: LogFilters = {},
  options: PageOptions = {},
): Promise<{ names: string[]; total: number }> {
  const page = await service.getExecutionLogs(flow ? flows[flow] : null, workspaceA, filters, {
    ...EXACT,
    ...options,
  });
  return { names: named(page.rows), total: page.total };
}

/** Newest first, as the lists order by default. */
function newestFirst(...keys: string[]): { names: string[]; total: number } {
  return { names: keys, total: keys.length };
}

const ALL_OF_A = ["e13", "e12", "e11", "e10", "e9", "e8", "e7", "e6", "e5", "e4", "e3", "e2", "e1"];
const WELCOME = ["e8", "e7", "e6", "e5", "e4", "e3", "e2", "e1"];
const ALL_STEPS_OF_A = ["s13", "s12", "s14", "s11", "s10", "s9", "s8", "s7", "s6", "s5", "s4", "s3", "s2", "s1"];
const ZERO_STATS = { total: 0, pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };

async function serviceError(promise: Promise<unknown>): Promise<FlowExecutionServiceError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the service to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FlowExecutionServiceError);
  return error as FlowExecutionServiceError;
}

describe("getEnrollmentHistory", () => {
  describe("flow scope", () => {
    it("reads every flow of the workspace when flowId is null, newest first", async () => {
      expect(await enrollments(null)).toEqual(newestFirst(...ALL_OF_A));
    });

    it("reads one flow when given its id", async () => {
      expect(await enrollments("welcome")).toEqual(newestFirst(...WELCOME));
      expect(await enrollments("sms")).toEqual(newestFirst("e13", "e12", "e11", "e10", "e9"));
    });

    it("takes the flow from the filters when the argument is null", async () => {
      expect(await enrollments(null, { flowId: flows.sms })).toEqual(newestFirst("e13", "e12", "e11", "e10", "e9"));
    });

    it("without a workspace, reads what RLS lets the member see: their workspace only", async () => {
      const page = await service.getEnrollmentHistory(null, null, {}, EXACT);
      expect({ names: named(page.rows), total: page.total }).toEqual(newestFirst(...ALL_OF_A));
    });
  });

  describe("status", () => {
    it.each([
      [["pending"], ["e11", "e4"]],
      [["running"], ["e12", "e7", "e3"]],
      [["completed"], ["e9", "e8", "e6", "e1"]],
      [["failed"], ["e10", "e2"]],
      [["cancelled"], ["e13", "e5"]],
      [
        ["pending", "cancelled"],
        ["e13", "e11", "e5", "e4"],
      ],
      [
        ["running", "failed", "completed"],
        ["e12", "e10", "e9", "e8", "e7", "e6", "e3", "e2", "e1"],
      ],
    ] as const)("status %j across flows", async (status, expected) => {
      expect(await enrollments(null, { status: [...status] })).toEqual(newestFirst(...expected));
    });

    it("status within one flow", async () => {
      expect(await enrollments("welcome", { status: ["running", "pending"] })).toEqual(newestFirst("e7", "e4", "e3"));
    });

    it("an empty status list filters nothing", async () => {
      expect(await enrollments("sms", { status: [] })).toEqual(newestFirst("e13", "e12", "e11", "e10", "e9"));
    });
  });

  describe("date range on the enrollment time", () => {
    it("includes both bounds", async () => {
      expect(await enrollments("welcome", { from: at(3), to: at(5) })).toEqual(newestFirst("e5", "e4", "e3"));
    });

    it("a bound one millisecond past an enrollment excludes it", async () => {
      expect(await enrollments("welcome", { from: at(3, "10:00:00", 1), to: at(5, "10:00:00", -1) })).toEqual(
        newestFirst("e4"),
      );
    });

    it("from alone and to alone", async () => {
      expect(await enrollments(null, { from: at(11) })).toEqual(newestFirst("e13", "e12", "e11"));
      expect(await enrollments(null, { to: at(2) })).toEqual(newestFirst("e2", "e1"));
    });

    it("honours UTC offsets in the bounds", async () => {
      // 12:00+02:00 and 05:00-05:00 are 10:00Z, the enrollments' time.
      const range = { from: "2026-01-03T12:00:00+02:00", to: "2026-01-05T05:00:00-05:00" };
      expect(await enrollments("welcome", range)).toEqual(newestFirst("e5", "e4", "e3"));
    });

    it("an empty range finds nothing", async () => {
      expect(await enrollments(null, { from: at(20), to: at(25) })).toEqual(newestFirst());
    });
  });

  describe("search (contact name or email, case-insensitive substring)", () => {
    it.each([
      ["a name, in another case", "ALICE", ["e6", "e1"]],
      ["the middle of a name", "rol ch", ["e3"]],
      ["an email", "@chen.EXAMPLE", ["e3"]],
      ["a word in a name and an email", "neil", ["e10", "e5"]],
      ["surrounding spaces are trimmed", "  carol  ", ["e3"]],
      ["the full name with a comma, apostrophe, underscore and percent sign", "O'Neil, Ann_%", ["e5"]],
      ["a comma", "l, a", ["e5"]],
      ["`_` is a character, not a wildcard (Annie would match Ann_)", "Ann_", ["e5"]],
      ["`%` is a character, not a wildcard", "%", ["e5"]],
      ["`_` in a name and in an email", "_", ["e9", "e5"]],
      ["nobody", "zelda", []],
    ])("%s: %j", async (_label, search, expected) => {
      expect(await enrollments(null, { search })).toEqual(newestFirst(...expected));
    });

    it("reserved characters of PostgREST's logic trees are matched literally", async () => {
      expect(await enrollments(null, { search: '"' })).toEqual(newestFirst());
      expect(await enrollments(null, { search: "(ann)" })).toEqual(newestFirst());
      expect(await enrollments(null, { search: "\\" })).toEqual(newestFirst());
      expect(await enrollments(null, { search: "example.org" })).toEqual(newestFirst("e4"));
    });

    it("`*` is a character, not a wildcard", async () => {
      expect(await enrollments(null, { search: "*" })).toEqual(newestFirst());
    });

    it("within one flow", async () => {
      expect(await enrollments("sms", { search: "ann" })).toEqual(newestFirst("e11"));
      expect(await enrollments("welcome", { search: "ann" })).toEqual(newestFirst("e5"));
    });
    it("has a total that agrees with its rows under the planner's count (the default for searches)", async () => {
      for (const search of ["ann", "example", "nobody-at-all"]) {
        const exact = await enrollments(null, { search });
        const planned = await service.getEnrollmentHistory(null, workspaceA, { search }, { pageSize: 50 });
        expect(planned.rows).toHaveLength(exact.total);
        expect(planned.total).toBe(exact.total);
      }
    });
  });

  describe("test runs", () => {
    it("are included by default and on `include`", async () => {
      expect(await enrollments(null, {})).toEqual(newestFirst(...ALL_OF_A));
      expect(await enrollments(null, { testRuns: "include" })).toEqual(newestFirst(...ALL_OF_A));
    });

    it("are left out on `exclude`", async () => {
      expect(await enrollments(null, { testRuns: "exclude" })).toEqual(
        newestFirst(...ALL_OF_A.filter((k) => k !== "e6" && k !== "e10")),
      );
    });

    it("are the only ones on `only`", async () => {
      expect(await enrollments(null, { testRuns: "only" })).toEqual(newestFirst("e10", "e6"));
      expect(await enrollments("welcome", { testRuns: "only" })).toEqual(newestFirst("e6"));
    });
  });

  it("combines filters with AND", async () => {
    expect(
      await enrollments("welcome", {
        status: ["completed", "running"],
        from: at(2),
        to: at(8),
        search: "example",
        testRuns: "exclude",
      }),
    ).toEqual(newestFirst("e7", "e3"));
  });

  describe("pagination and order", () => {
    it("pages newest first, with the exact total on every page", async () => {
      expect(await enrollments("welcome", {}, { page: 1, pageSize: 3 })).toEqual({
        names: ["e8", "e7", "e6"],
        total: 8,
      });
      expect(await enrollments("welcome", {}, { page: 2, pageSize: 3 })).toEqual({
        names: ["e5", "e4", "e3"],
        total: 8,
      });
      expect(await enrollments("welcome", {}, { page: 3, pageSize: 3 })).toEqual({ names: ["e2", "e1"], total: 8 });
    });

    it("echoes the page and page size", async () => {
      const page = await service.getEnrollmentHistory(flows.welcome, workspaceA, {}, { page: 2, pageSize: 3 });
      expect({ page: page.page, pageSize: page.pageSize }).toEqual({ page: 2, pageSize: 3 });
    });

    it("totals are of the filtered rows, not of the page", async () => {
      expect(await enrollments(null, { status: ["completed"] }, { page: 2, pageSize: 3 })).toEqual({
        names: ["e1"],
        total: 4,
      });
    });

    it("orders oldest first on asc", async () => {
      expect(await enrollments("welcome", {}, { order: "asc", pageSize: 3 })).toEqual({
        names: ["e1", "e2", "e3"],
        total: 8,
      });
      expect(await enrollments("welcome", {}, { order: "asc", page: 3, pageSize: 3 })).toEqual({
        names: ["e7", "e8"],
        total: 8,
      });
    });

    it("the default (estimated) count is exact on a small list", async () => {
      const page = await service.getEnrollmentHistory(flows.welcome, workspaceA);
      expect({ names: named(page.rows), total: page.total, page: page.page, pageSize: page.pageSize }).toEqual({
        names: WELCOME,
        total: 8,
        page: 1,
        pageSize: 50,
      });
    });

    it("clamps a page below 1 and a page size below 1", async () => {
      const page = await service.getEnrollmentHistory(flows.welcome, workspaceA, {}, { page: 0, pageSize: 0 });
      expect({ names: named(page.rows), page: page.page, pageSize: page.pageSize }).toEqual({
        names: ["e8"],
        page: 1,
        pageSize: 1,
      });
    });

    it("a page past the end is empty, with the total", async () => {
      expect(await enrollments("welcome", {}, { page: 5, pageSize: 3 })).toEqual({ names: [], total: 8 });
    });
  });

  describe("row shape", () => {
    it("a running execution waiting on a delay", async () => {
      const { rows } = await service.getEnrollmentHistory(flows.welcome, workspaceA, { search: "carol" });
      expect(rows).toHaveLength(1);
      const row = rows[0];
      expect(row).toMatchObject({
        id: executions.e3,
        flowId: flows.welcome,
        flowName: "Welcome series",
        contact: { id: contacts.carol, name: "Carol Chen", email: "carol@chen.example" },
        reason: "webhook",
        reasonLabel: "Webhook",
        source: "crm_sync",
        currentAction: { nodeId: "wait", type: "delay", label: "Delay" },
        status: "running",
        statusLabel: "In Progress",
        completedAt: null,
        isTest: false,
        attempt: 1,
        retryOf: null,
        error: null,
      });
      expect(Date.parse(row?.enrolledAt ?? "")).toBe(Date.parse(at(3)));
      expect(Date.parse(row?.startedAt ?? "")).toBe(Date.parse(at(3, "10:00:01")));
      expect(Date.parse(row?.nextExecutionAt ?? "")).toBe(Date.parse(at(10, "09:00:00")));
    });

    it("a manual enrollment, finished, with no current action", async () => {
      const { rows } = await service.getEnrollmentHistory(flows.welcome, workspaceA, { to: at(1) });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: executions.e1,
        contact: { id: contacts.alice, name: "Alice Anderson", email: "alice@example.com" },
        reason: "manual",
        reasonLabel: "Manual Send (Contact Page)",
        source: "contact_page",
        currentAction: null,
        status: "completed",
        statusLabel: "Completed",
        nextExecutionAt: null,
      });
      expect(Date.parse(rows[0]?.completedAt ?? "")).toBe(Date.parse(at(1, "12:00:00")));
    });

    it("every status and reason label", async () => {
      const { rows } = await service.getEnrollmentHistory(null, workspaceA, {}, { order: "asc" });
      const labels = Object.fromEntries(rows.map((r) => [names.get(r.id), [r.statusLabel, r.reasonLabel]]));
      expect(labels).toMatchObject({
        e1: ["Completed", "Manual Send (Contact Page)"],
        e2: ["Failed", "Scheduled"],
        e3: ["In Progress", "Webhook"],
        e4: ["Pending", "Manual Send (Contact Page)"],
        e5: ["Cancelled", "Manual Send (Contact Page)"],
        // A manual send names where it came from; a source without a label, as it is.
        e6: ["Completed", "Manual Send (Flow Builder)"],
        e7: ["In Progress", "Manual Send (restart)"],
      });
    });

    it("a restart: current action Send Email, attempt 2, retryOf the original", async () => {
      const { rows } = await service.getEnrollmentHistory(flows.welcome, workspaceA, { from: at(7), to: at(7) });
      expect(rows[0]).toMatchObject({
        id: executions.e7,
        currentAction: { nodeId: "welcome_email", type: "send_email", label: "Send Email" },
        attempt: 2,
        retryOf: executions.e2,
        statusLabel: "In Progress",
      });
    });

    it("a test run and a failure carry isTest and error", async () => {
      const { rows } = await service.getEnrollmentHistory(null, workspaceA, { status: ["failed"] }, { order: "asc" });
      expect(rows.map((r) => ({ name: names.get(r.id), isTest: r.isTest, error: r.error }))).toEqual([
        { name: "e2", isTest: false, error: "boom" },
        { name: "e10", isTest: true, error: null },
      ]);
    });

    it("a deleted contact falls back to the enrollment's snapshot", async () => {
      const { rows } = await service.getEnrollmentHistory(flows.welcome, workspaceA, { from: at(8), to: at(8) });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: executions.e8,
        contact: { id: null, name: "Deleted Person", email: "gone@example.com" },
        reasonLabel: "Webhook",
        status: "completed",
      });
    });
  });
});

describe("getExecutionLogs", () => {
  describe("flow scope", () => {
    it("reads every flow of the workspace when flowId is null, newest first (by step creation)", async () => {
      expect(await logs(null)).toEqual(newestFirst(...ALL_STEPS_OF_A));
    });

    it("reads one flow when given its id", async () => {
      expect(await logs("sms")).toEqual(newestFirst("s13", "s12"));
      expect(await logs("welcome")).toEqual(newestFirst(...ALL_STEPS_OF_A.filter((s) => s !== "s13" && s !== "s12")));
    });

    it("takes the flow from the filters when the argument is null", async () => {
      expect(await logs(null, { flowId: flows.sms })).toEqual(newestFirst("s13", "s12"));
    });
  });

  describe("status", () => {
    it.each([
      [["pending"], ["s11"]],
      [["running"], ["s7"]],
      [["success"], ["s12", "s14", "s10", "s8", "s6", "s4", "s3", "s2", "s1"]],
      [["failed"], ["s13", "s5"]],
      [["skipped"], ["s9"]],
      [
        ["pending", "running", "skipped"],
        ["s11", "s9", "s7"],
      ],
    ] as const)("status %j", async (status, expected) => {
      expect(await logs(null, { status: [...status] })).toEqual(newestFirst(...expected));
    });
  });

  describe("action type", () => {
    it.each([
      [["send_email"], ["s14", "s11", "s10", "s8", "s6", "s5", "s1"]],
      [["send_sms"], ["s13", "s12", "s4"]],
      [["delay"], ["s9", "s7", "s2"]],
      [["condition"], ["s3"]],
      [
        ["delay", "condition"],
        ["s9", "s7", "s3", "s2"],
      ],
      [["webhook"], []],
    ])("action type %j", async (actionType, expected) => {
      expect(await logs(null, { actionType })).toEqual(newestFirst(...expected));
    });

    it("with a status, in one flow", async () => {
      expect(await logs("welcome", { actionType: ["send_email"], status: ["success"] })).toEqual(
        newestFirst("s14", "s10", "s8", "s6", "s1"),
      );
    });
  });

  describe("date range on the step's creation time", () => {
    it("includes both bounds", async () => {
      expect(await logs(null, { from: at(3, "10:00:01"), to: at(5, "10:00:01") })).toEqual(
        newestFirst("s8", "s7", "s6"),
      );
    });

    it("a bound one millisecond past a step excludes it", async () => {
      expect(await logs(null, { from: at(3, "10:00:01", 1), to: at(5, "10:00:01", -1) })).toEqual(newestFirst("s7"));
    });

    it("from alone and to alone", async () => {
      expect(await logs(null, { from: at(9) })).toEqual(newestFirst("s13", "s12"));
      expect(await logs(null, { to: at(1, "23:59:59") })).toEqual(newestFirst("s4", "s3", "s2", "s1"));
    });
  });

  describe("search", () => {
    it.each([
      ["a name, in another case", "GRACE", ["s12"]],
      ["an email", "bob.brown@", ["s11", "s5"]],
      ["the full name with a comma, apostrophe, underscore and percent sign", "O'Neil, Ann_%", ["s9", "s8"]],
      ["`%` is a character, not a wildcard", "%", ["s9", "s8"]],
      ["`_` is a character, not a wildcard", "_", ["s12", "s9", "s8"]],
      ["nobody", "zelda", []],
    ])("%s: %j", async (_label, search, expected) => {
      expect(await logs(null, { search })).toEqual(newestFirst(...expected));
    });

    it("`*` is a character, not a wildcard", async () => {
      expect(await logs(null, { search: "*" })).toEqual(newestFirst());
    });
  });

  describe("test runs", () => {
    it("include (default), exclude, only", async () => {
      expect(await logs(null, { testRuns: "include" })).toEqual(newestFirst(...ALL_STEPS_OF_A));
      expect(await logs(null, { testRuns: "exclude" })).toEqual(
        newestFirst(...ALL_STEPS_OF_A.filter((s) => s !== "s13" && s !== "s10")),
      );
      expect(await logs(null, { testRuns: "only" })).toEqual(newestFirst("s13", "s10"));
      expect(await logs("sms", { testRuns: "only" })).toEqual(newestFirst("s13"));
    });
  });

  describe("pagination and order", () => {
    it("pages newest first with the exact total", async () => {
      expect(await logs("welcome", {}, { page: 1, pageSize: 5 })).toEqual({
        names: ["s14", "s11", "s10", "s9", "s8"],
        total: 12,
      });
      expect(await logs("welcome", {}, { page: 3, pageSize: 5 })).toEqual({ names: ["s2", "s1"], total: 12 });
    });

    it("orders oldest first on asc", async () => {
      expect(await logs(null, { actionType: ["send_sms"] }, { order: "asc" })).toEqual({
        names: ["s4", "s12", "s13"],
        total: 3,
      });
    });

    it("a page past the end is empty, with the total", async () => {
      expect(await logs("sms", {}, { page: 2, pageSize: 5 })).toEqual({ names: [], total: 2 });
    });
  });

  describe("row shape", () => {
    it("a successful SMS step", async () => {
      const { rows } = await service.getExecutionLogs(flows.welcome, workspaceA, { actionType: ["send_sms"] });
      expect(rows).toEqual([
        {
          id: steps.s4,
          executionId: executions.e1,
          flowId: flows.welcome,
          flowName: "Welcome series",
          contact: { id: contacts.alice, name: "Alice Anderson", email: "alice@example.com" },
          nodeId: "reminder_sms",
          actionType: "send_sms",
          actionLabel: "Send SMS",
          status: "success",
          statusLabel: "Success",
          executedAt: expect.any(String),
          completedAt: expect.any(String),
          durationMs: 1500,
          result: { sid: "SM-1" },
          error: null,
          attempt: 1,
          isTest: false,
        },
      ]);
      // Executed when it started, not when it was created.
      expect(Date.parse(rows[0]?.executedAt ?? "")).toBe(Date.parse(at(1, "11:00:06", 500)));
      expect(Date.parse(rows[0]?.completedAt ?? "")).toBe(Date.parse(at(1, "11:00:06", 2000)));
    });

    it("labels of every step status and action type", async () => {
      const { rows } = await service.getExecutionLogs(null, workspaceA);
      const shown = Object.fromEntries(rows.map((r) => [names.get(r.id), [r.actionLabel, r.statusLabel]]));
      expect(shown).toMatchObject({
        s1: ["Send Email", "Success"],
        s3: ["Condition", "Success"],
        s5: ["Send Email", "Failed"],
        s7: ["Delay", "Running"],
        s9: ["Delay", "Skipped"],
        s11: ["Send Email", "Pending"],
        s12: ["Send SMS", "Success"],
      });
    });

    it("a step still running has no duration; one never started was executed when created", async () => {
      const { rows } = await service.getExecutionLogs(null, workspaceA, { status: ["running", "skipped"] });
      const [skipped, running] = rows;
      expect(running).toMatchObject({ id: steps.s7, durationMs: null, completedAt: null });
      expect(Date.parse(running?.executedAt ?? "")).toBe(Date.parse(at(3, "10:00:03")));
      expect(skipped).toMatchObject({ id: steps.s9, durationMs: null, completedAt: null });
      expect(Date.parse(skipped?.executedAt ?? "")).toBe(Date.parse(at(5, "10:00:03")));
    });

    it("a failed test step carries its error and isTest", async () => {
      const { rows } = await service.getExecutionLogs(flows.sms, workspaceA, { status: ["failed"] });
      expect(rows).toEqual([
        expect.objectContaining({
          id: steps.s13,
          error: "Twilio 21211 invalid number",
          durationMs: 300,
          result: null,
          isTest: true,
          contact: { id: contacts.neil, name: "Neil Young", email: "neil@young.example" },
        }),
      ]);
    });

    it("a deleted contact's step stays listed, without a contact id", async () => {
      const { rows } = await service.getExecutionLogs(flows.welcome, workspaceA, {
        from: at(8),
        to: at(8, "23:00:00"),
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: steps.s14, executionId: executions.e8, contact: { id: null } });
    });
  });
});

describe("getExecutionDetails", () => {
  it("returns the execution with its steps in the order they ran", async () => {
    const details = await service.getExecutionDetails(executions.e1);
    expect(details.execution).toMatchObject({
      id: executions.e1,
      status: "completed",
      contact: { name: "Alice Anderson" },
      reasonLabel: "Manual Send (Contact Page)",
    });
    expect(details.steps.map((s) => [names.get(s.id), s.node_id, s.node_type, s.status, s.duration_ms])).toEqual([
      ["s1", "welcome_email", "send_email", "success", 2000],
      ["s2", "wait", "delay", "success", 3_600_000],
      ["s3", "check", "condition", "success", 0],
      ["s4", "reminder_sms", "send_sms", "success", 1500],
    ]);
    expect(details.steps[3]).toMatchObject({
      execution_id: executions.e1,
      flow_id: flows.welcome,
      workspace_id: workspaceA,
      contact_id: contacts.alice,
      is_test: false,
      result: { sid: "SM-1" },
    });
    expect(details.lineage).toEqual({ original: null, retries: [] });
  });

  it("an execution without steps has an empty list", async () => {
    const details = await service.getExecutionDetails(executions.e4);
    expect(details.execution.status).toBe("pending");
    expect(details.steps).toEqual([]);
  });

  it("a test execution's steps are marked test", async () => {
    const details = await service.getExecutionDetails(executions.e6);
    expect(details.steps.map((s) => [names.get(s.id), s.is_test])).toEqual([["s10", true]]);
  });

  it("the original lists its restarts", async () => {
    const details = await service.getExecutionDetails(executions.e2);
    expect(details.execution).toMatchObject({ id: executions.e2, status: "failed", retryOf: null });
    expect(details.steps.map((s) => [names.get(s.id), s.status, s.error])).toEqual([
      ["s5", "failed", "SMTP 550 mailbox unavailable"],
    ]);
    expect(details.lineage.original).toBeNull();
    expect(named(details.lineage.retries)).toEqual(["e7"]);
    expect(details.lineage.retries[0]).toMatchObject({
      attempt: 2,
      retryOf: executions.e2,
      statusLabel: "In Progress",
    });
  });

  it("the restart points back at its original", async () => {
    const details = await service.getExecutionDetails(executions.e7);
    expect(details.execution).toMatchObject({ id: executions.e7, retryOf: executions.e2, attempt: 2 });
    expect(details.steps.map((s) => [names.get(s.id), s.status, s.started_at])).toEqual([["s11", "pending", null]]);
    expect(details.lineage.original).toMatchObject({ id: executions.e2, status: "failed", statusLabel: "Failed" });
    expect(details.lineage.retries).toEqual([]);
  });

  it("a deleted contact's execution shows the snapshot", async () => {
    const details = await service.getExecutionDetails(executions.e8);
    expect(details.execution.contact).toEqual({ id: null, name: "Deleted Person", email: "gone@example.com" });
    expect(named(details.steps)).toEqual(["s14"]);
  });

  it("an unknown id is not_found", async () => {
    const error = await serviceError(service.getExecutionDetails(randomUUID()));
    expect({ code: error.code, status: error.status }).toEqual({ code: "not_found", status: 404 });
  });
});

describe("getExecutionStats", () => {
  it("counts one flow's executions per status", async () => {
    expect(await service.getExecutionStats(flows.welcome, workspaceA)).toEqual({
      total: 8,
      pending: 1,
      running: 2,
      completed: 3,
      failed: 1,
      cancelled: 1,
    });
    expect(await service.getExecutionStats(flows.sms, workspaceA)).toEqual({
      total: 5,
      pending: 1,
      running: 1,
      completed: 1,
      failed: 1,
      cancelled: 1,
    });
  });

  it("counts all flows of the workspace when flowId is null", async () => {
    expect(await service.getExecutionStats(null, workspaceA)).toEqual({
      total: 13,
      pending: 2,
      running: 3,
      completed: 4,
      failed: 2,
      cancelled: 2,
    });
  });

  it("without flow or workspace, counts what RLS lets the member see", async () => {
    expect(await service.getExecutionStats(null, null)).toEqual({
      total: 13,
      pending: 2,
      running: 3,
      completed: 4,
      failed: 2,
      cancelled: 2,
    });
  });

  it("a flow of the workspace with no executions has zero everywhere", async () => {
    const empty = await createFlow(db, workspaceA, DEFINITIONS.sms, { name: "Never run" });
    expect(await service.getExecutionStats(empty, workspaceA)).toEqual(ZERO_STATS);
  });

  it("a flow paired with another workspace counts nothing", async () => {
    expect(await service.getExecutionStats(flows.welcome, workspaceB)).toEqual(ZERO_STATS);
  });
});

describe("another workspace's executions (RLS)", () => {
  it("are there: B's own member sees them", async () => {
    const page = await serviceOfB.getEnrollmentHistory(flowB, workspaceB, {}, EXACT);
    expect(page.total).toBe(2);
    expect((await serviceOfB.getExecutionLogs(flowB, workspaceB, {}, EXACT)).total).toBe(1);
    expect(await serviceOfB.getExecutionStats(flowB, workspaceB)).toMatchObject({ total: 2, completed: 1, running: 1 });
    expect((await serviceOfB.getExecutionDetails(executionB)).steps).toHaveLength(1);
  });

  it("a member of A gets empty pages for B's flow and workspace", async () => {
    for (const [flowId, workspaceId] of [
      [flowB, workspaceB],
      [null, workspaceB],
      [flowB, null],
      [flowB, workspaceA],
    ] as const) {
      const history = await service.getEnrollmentHistory(flowId, workspaceId, {}, EXACT);
      expect({ rows: history.rows, total: history.total }).toEqual({ rows: [], total: 0 });
      const stepLogs = await service.getExecutionLogs(flowId, workspaceId, {}, EXACT);
      expect({ rows: stepLogs.rows, total: stepLogs.total }).toEqual({ rows: [], total: 0 });
    }
  });

  it("a member of A searching a name both workspaces have finds only A's", async () => {
    expect(named((await service.getEnrollmentHistory(null, null, { search: "alice anderson" })).rows)).toEqual([
      "e6",
      "e1",
    ]);
  });

  it("a member of A gets zero stats for B", async () => {
    expect(await service.getExecutionStats(flowB, workspaceB)).toEqual(ZERO_STATS);
    expect(await service.getExecutionStats(null, workspaceB)).toEqual(ZERO_STATS);
    expect(await service.getExecutionStats(flowB, null)).toEqual(ZERO_STATS);
  });

  it("a member of A asking for B's execution gets not_found", async () => {
    const error = await serviceError(service.getExecutionDetails(executionB));
    expect(error.code).toBe("not_found");
  });
});

describe("errors", () => {
  it.each([
    ["an unknown status", { status: ["bogus"] }, "status.0: must be one of pending, running, completed"],
    ["a step status", { status: ["success"] }, "status.0: must be one of pending"],
    ["a date that is not ISO-8601", { from: "yesterday" }, "from: must be an ISO-8601 date-time"],
    ["a date without a time", { to: "2026-01-05" }, "to: must be an ISO-8601 date-time"],
    ["an unknown test-runs choice", { testRuns: "sometimes" }, "testRuns: must be one of include, exclude, only"],
    ["a flowId that is not a UUID", { flowId: "flow-1" }, "flowId: flowId must be a UUID"],
    ["a search over 200 characters", { search: "x".repeat(201) }, "search: search is at most 200 characters"],
    // Messages of its own even where only zod/mini is loaded (the admin's bundle), which has none.
    ["one status, not a list", { status: "failed" }, "status: must be a list"],
    ["a search that is not text", { search: 42 }, "search: must be text"],
    // Postgres text cannot hold U+0000; PostgREST would cut the term there and match more.
    ["a search holding U+0000", { search: "ann\u0000" }, "search: must not contain the NUL character"],
    // A misspelt or misplaced filter would filter nothing and list every row.
    ["a filter of the logs", { actionType: ["send_email"] }, 'filters: unknown filter "actionType"'],
  ])("enrollments: %s is invalid_filters naming the field, not an empty list", async (_label, filters, says) => {
    const error = await serviceError(
      service.getEnrollmentHistory(null, workspaceA, filters as unknown as EnrollmentFilters),
    );
    expect({ code: error.code, status: error.status }).toEqual({ code: "invalid_filters", status: 400 });
    expect(error.message).toContain(`invalid filters: ${says}`);
  });

  it.each([
    ["an execution status", { status: ["completed"] }, "status.0: must be one of pending"],
    ["an empty action type", { actionType: [""] }, "actionType.0: must not be empty"],
    ["an action type that is not text", { actionType: [7] }, "actionType.0: must be text"],
    ["action types not in a list", { actionType: "send_email" }, "actionType: must be a list"],
    ["a date that is not ISO-8601", { from: "yesterday" }, "from: must be an ISO-8601 date-time"],
    ["an unknown test-runs choice", { testRuns: "never" }, "testRuns: must be one of include, exclude, only"],
    ["an action type holding U+0000", { actionType: ["send_email\u0000"] }, "actionType.0: must not contain the NUL"],
    ["a misspelt filter", { stauts: ["failed"] }, 'filters: unknown filter "stauts"'],
  ])("logs: %s is invalid_filters naming the field", async (_label, filters, says) => {
    const error = await serviceError(service.getExecutionLogs(null, workspaceA, filters as unknown as LogFilters));
    expect({ code: error.code, status: error.status }).toEqual({ code: "invalid_filters", status: 400 });
    expect(error.message).toContain(`invalid filters: ${says}`);
  });

  it.each([
    ["a page that is not a number", { page: Number.NaN }, "page: must be a finite number"],
    ["an infinite page", { page: Number.POSITIVE_INFINITY }, "page: must be a finite number"],
    ["a page size given as text", { pageSize: "50" }, "pageSize: must be a finite number"],
    ["an unknown order", { order: "ascending" }, "order: must be one of asc, desc"],
    ["an unknown count", { count: "fast" }, "count: must be one of exact, estimated, planned"],
    ["a page whose offset is no longer exact", { page: 1e20 }, "page: is past any list"],
  ])("%s is invalid_page_options naming it, not a default page", async (_label, options, says) => {
    for (const read of [
      () => service.getEnrollmentHistory(null, workspaceA, {}, options as unknown as PageOptions),
      () => service.getExecutionLogs(null, workspaceA, {}, options as unknown as PageOptions),
    ]) {
      const error = await serviceError(read());
      expect({ code: error.code, status: error.status }).toEqual({ code: "invalid_page_options", status: 400 });
      expect(error.message).toBe(`invalid page options: ${says}`);
    }
  });

  it("a flowId argument that is not a UUID is invalid_filters", async () => {
    const error = await serviceError(service.getEnrollmentHistory("flow-1", workspaceA));
    expect(error.code).toBe("invalid_filters");
    expect(error.message).toMatch(/flowId/);
    expect((await serviceError(service.getExecutionLogs("flow-1", workspaceA))).code).toBe("invalid_filters");
  });

  it("a PostgREST error on a list surfaces with its code (anon may not read the views)", async () => {
    const anonymous = new FlowExecutionService(anonClient());
    const history = await serviceError(anonymous.getEnrollmentHistory(null, workspaceA));
    expect(history.code).toBe("42501");
    expect(history.status).toBe(401);
    expect((await serviceError(anonymous.getExecutionLogs(null, workspaceA))).code).toBe("42501");
  });

  it("a PostgREST error on stats surfaces (anon may not call execution_stats)", async () => {
    const error = await serviceError(new FlowExecutionService(anonClient()).getExecutionStats(null, workspaceA));
    expect(error.code).toBe("42501");
  });

  it("a PostgREST error on details surfaces, not as not_found", async () => {
    const error = await serviceError(service.getExecutionDetails("not-a-uuid"));
    expect({ code: error.code, status: error.status }).toEqual({ code: "22P02", status: 400 });
  });
});
