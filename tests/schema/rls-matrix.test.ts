import { randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminDb, anonClient, type Client, serviceClient, signedInClient } from "../support/clients.ts";
import { createUser, createWorkspace, DEMO_WORKSPACE, OTHER_WORKSPACE } from "../support/fixtures.ts";

/**
 * Row Level Security through supabase-js, as the admin app and the engine reach the
 * database: every public table × {anon, member of A, member of B, service_role} ×
 * {select, insert, update, delete}, always aimed at workspace A's rows. Fixtures are
 * arranged (and mutations verified) as superuser, so what RLS hides cannot fool a check.
 */

const db = adminDb();

const TABLES = [
  "workspaces",
  "workspace_members",
  "contacts",
  "flows",
  "flow_executions",
  "flow_execution_steps",
  "outbox_messages",
] as const;
type TableName = (typeof TABLES)[number];

const ACTORS = ["anon", "member of A", "viewer of A", "member of B", "service_role"] as const;
type Actor = (typeof ACTORS)[number];

const OPS = ["select", "insert", "update", "delete"] as const;
type Op = (typeof OPS)[number];
const LETTER: Record<Op, string> = { select: "S", insert: "I", update: "U", delete: "D" };

/**
 * What each actor may do to workspace A's rows: S select, I insert, U update, D delete;
 * "-" means refused. Members write contacts and flows of their own workspace only, viewers
 * none; the rest is written by the engine (service_role) and only read by members.
 */
// biome-ignore format: read as a table
const EXPECTED: Record<TableName, Record<Actor, string>> = {
  workspaces:           { anon: "----", "member of A": "S---", "viewer of A": "S---", "member of B": "----", service_role: "SIUD" },
  workspace_members:    { anon: "----", "member of A": "S---", "viewer of A": "S---", "member of B": "----", service_role: "SIUD" },
  contacts:             { anon: "----", "member of A": "SIUD", "viewer of A": "S---", "member of B": "----", service_role: "SIUD" },
  flows:                { anon: "----", "member of A": "SIUD", "viewer of A": "S---", "member of B": "----", service_role: "SIUD" },
  flow_executions:      { anon: "----", "member of A": "S---", "viewer of A": "S---", "member of B": "----", service_role: "SIUD" },
  flow_execution_steps: { anon: "----", "member of A": "S---", "viewer of A": "S---", "member of B": "----", service_role: "SIUD" },
  outbox_messages:      { anon: "----", "member of A": "S---", "viewer of A": "S---", "member of B": "----", service_role: "SIUD" },
};

type Row = Record<string, unknown>;
type Key = Record<string, string>;

interface User {
  id: string;
  email: string;
  password: string;
}

interface Workspace {
  id: string;
  member: User;
  contact: string;
  flow: string;
  execution: string;
  step: string;
  outbox: string;
}

/** Everything made here, removed in afterAll (deleting a workspace cascades to its rows). */
const created = { workspaces: [] as string[], users: [] as string[] };

async function newUser(workspaceId?: string): Promise<User> {
  const user = await createUser(db, { workspaceId });
  created.users.push(user.id);
  return user;
}

async function newWorkspace(label: string): Promise<string> {
  const id = await createWorkspace(db, `RLS matrix ${label}`);
  created.workspaces.push(id);
  return id;
}

async function insertId(sql: string, params: unknown[]): Promise<string> {
  const { rows } = await db.query<{ id: string }>(sql, params);
  return (rows[0] as { id: string }).id;
}

const sql = {
  contact: (ws: string) =>
    insertId("insert into public.contacts (workspace_id, name, email) values ($1, 'Rita Row', $2) returning id", [
      ws,
      `rita-${randomUUID()}@test.example`,
    ]),
  flow: (ws: string) =>
    insertId(
      "insert into public.flows (workspace_id, name, status) values ($1, 'Matrix flow', 'active') returning id",
      [ws],
    ),
  execution: (ws: string, flow: string, contact: string) =>
    insertId(
      `insert into public.flow_executions (workspace_id, flow_id, contact_id, status, started_at)
       values ($1, $2, $3, 'running', now()) returning id`,
      [ws, flow, contact],
    ),
  step: (execution: string) =>
    insertId(
      `insert into public.flow_execution_steps (execution_id, node_id, node_type, status)
       values ($1, $2, 'send_email', 'success') returning id`,
      [execution, `node-${randomUUID()}`],
    ),
  outbox: (ws: string, execution: string) =>
    insertId(
      `insert into public.outbox_messages (workspace_id, execution_id, node_id, channel, recipient, subject, body, idempotency_key)
       values ($1, $2, 'welcome_email', 'email', 'rita@test.example', 'Hello', 'Hi Rita', $3) returning id`,
      [ws, execution, randomUUID()],
    ),
};

async function arrangeWorkspace(label: string): Promise<Workspace> {
  const id = await newWorkspace(label);
  const member = await newUser(id);
  const contact = await sql.contact(id);
  const flow = await sql.flow(id);
  const execution = await sql.execution(id, flow, contact);
  const step = await sql.step(execution);
  const outbox = await sql.outbox(id, execution);
  return { id, member, contact, flow, execution, step, outbox };
}

interface TableSpec {
  /** The column naming the workspace a row belongs to. */
  scope: "id" | "workspace_id";
  keyColumns: string[];
  /** The workspace's long-lived fixture row: read, and the target of refused writes. */
  fixture(ws: Workspace): Key;
  /** A fresh row in the workspace, made as superuser, for writes that are expected to land. */
  disposable(ws: Workspace): Promise<Key>;
  /** A new row for the workspace, as a client would send it (ids chosen up front). */
  newRow(ws: Workspace): Promise<Row>;
  /** A harmless change to one column. */
  patch: Row;
}

const SPECS: Record<TableName, TableSpec> = {
  workspaces: {
    scope: "id",
    keyColumns: ["id"],
    fixture: (ws) => ({ id: ws.id }),
    disposable: async () => ({ id: await newWorkspace("disposable") }),
    newRow: async () => {
      const id = `ws-${randomUUID().slice(0, 8)}`;
      created.workspaces.push(id);
      return { id, name: "Inserted through the API" };
    },
    patch: { name: "Renamed through the API" },
  },
  workspace_members: {
    scope: "workspace_id",
    keyColumns: ["workspace_id", "user_id"],
    fixture: (ws) => ({ workspace_id: ws.id, user_id: ws.member.id }),
    disposable: async (ws) => ({ workspace_id: ws.id, user_id: (await newUser(ws.id)).id }),
    newRow: async (ws) => ({ workspace_id: ws.id, user_id: (await newUser()).id, role: "owner" }),
    patch: { role: "owner" },
  },
  contacts: {
    scope: "workspace_id",
    keyColumns: ["id"],
    fixture: (ws) => ({ id: ws.contact }),
    disposable: async (ws) => ({ id: await sql.contact(ws.id) }),
    newRow: async (ws) => ({ id: randomUUID(), workspace_id: ws.id, name: "Ivy Inserted" }),
    patch: { name: "Renamed through the API" },
  },
  flows: {
    scope: "workspace_id",
    keyColumns: ["id"],
    fixture: (ws) => ({ id: ws.flow }),
    // A flow with executions cannot be deleted at all, so a fresh one without history.
    disposable: async (ws) => ({ id: await sql.flow(ws.id) }),
    newRow: async (ws) => ({ id: randomUUID(), workspace_id: ws.id, name: "Inserted flow" }),
    patch: { name: "Renamed through the API" },
  },
  flow_executions: {
    scope: "workspace_id",
    keyColumns: ["id"],
    fixture: (ws) => ({ id: ws.execution }),
    disposable: async (ws) => ({ id: await sql.execution(ws.id, ws.flow, ws.contact) }),
    newRow: async (ws) => ({ id: randomUUID(), workspace_id: ws.id, flow_id: ws.flow, contact_id: ws.contact }),
    patch: { status: "cancelled" },
  },
  flow_execution_steps: {
    scope: "workspace_id",
    keyColumns: ["id"],
    fixture: (ws) => ({ id: ws.step }),
    disposable: async (ws) => ({ id: await sql.step(ws.execution) }),
    newRow: async (ws) => ({
      id: randomUUID(),
      execution_id: ws.execution,
      node_id: `node-${randomUUID()}`,
      node_type: "send_email",
      workspace_id: ws.id,
      flow_id: ws.flow,
    }),
    patch: { status: "skipped" },
  },
  outbox_messages: {
    scope: "workspace_id",
    keyColumns: ["id"],
    fixture: (ws) => ({ id: ws.outbox }),
    disposable: async (ws) => ({ id: await sql.outbox(ws.id, ws.execution) }),
    newRow: async (ws) => ({
      id: randomUUID(),
      workspace_id: ws.id,
      execution_id: ws.execution,
      channel: "sms",
      recipient: "+15550000000",
      body: "Inserted through the API",
      idempotency_key: randomUUID(),
    }),
    patch: { body: "Tampered through the API" },
  },
};

function keyOf(table: TableName, row: Row): Key {
  return Object.fromEntries(SPECS[table].keyColumns.map((c) => [c, String(row[c])]));
}

/** The row as the superuser sees it, bypassing RLS; undefined when it does not exist. */
async function readRow(table: TableName, key: Key): Promise<Row | undefined> {
  const columns = Object.keys(key);
  const where = columns.map((c, i) => `${c} = $${i + 1}`).join(" and ");
  const { rows } = await db.query(`select * from public.${table} where ${where}`, Object.values(key));
  return rows[0];
}

/** The table name is a runtime value here, so the typed client would only get in the way. */
function from(client: Client, table: TableName) {
  return (client as unknown as SupabaseClient).from(table);
}

let A: Workspace;
let B: Workspace;
let clients: Record<Actor, Client>;

beforeAll(async () => {
  A = await arrangeWorkspace("A");
  B = await arrangeWorkspace("B");
  clients = {
    anon: anonClient(),
    "member of A": await signedInClient(A.member.email, A.member.password),
    "viewer of A": await (async () => {
      const viewer = await createUser(db, { workspaceId: A.id, role: "viewer" });
      created.users.push(viewer.id);
      return signedInClient(viewer.email, viewer.password);
    })(),
    "member of B": await signedInClient(B.member.email, B.member.password),
    service_role: serviceClient(),
  };
});

afterAll(async () => {
  try {
    // Deleting a workspace removes its contacts, flows, executions, steps, outbox and members with it.
    await db.query("delete from public.workspaces where id = any($1)", [created.workspaces]);
    await db.query("delete from auth.users where id = any($1)", [created.users]);
  } finally {
    await db.end();
  }
});

/** PostgREST answers an RLS refusal (42501) with 401 to the anon role and 403 to a signed-in user. */
function refusalStatus(actor: Actor): number {
  return actor === "anon" ? 401 : 403;
}

const checks: Record<Op, (table: TableName, actor: Actor, allowed: boolean) => Promise<void>> = {
  async select(table, actor, allowed) {
    const key = SPECS[table].fixture(A);
    const { data, error } = await from(clients[actor], table).select("*").match(key);
    expect(error).toBeNull();
    // Refused reads are filtered, not errors: the row is simply not there.
    expect(data).toHaveLength(allowed ? 1 : 0);
    if (allowed) expect(keyOf(table, data?.[0] as Row)).toEqual(key);
  },

  async insert(table, actor, allowed) {
    const row = await SPECS[table].newRow(A);
    const key = keyOf(table, row);
    const { data, error, status } = await from(clients[actor], table).insert(row).select();
    if (allowed) {
      expect(error).toBeNull();
      expect(status).toBe(201);
      expect(data).toHaveLength(1);
      expect(await readRow(table, key)).toMatchObject(row);
    } else {
      expect(data).toBeNull();
      expect({ code: error?.code, status }).toEqual({ code: "42501", status: refusalStatus(actor) });
      // Refused by a policy, or earlier by a missing grant (anon cannot write flows at all).
      expect(error?.message).toMatch(
        new RegExp(`violates row-level security policy for table "${table}"|permission denied for table ${table}`),
      );
      expect(await readRow(table, key)).toBeUndefined();
    }
  },

  async update(table, actor, allowed) {
    const { patch } = SPECS[table];
    const key = allowed ? await SPECS[table].disposable(A) : SPECS[table].fixture(A);
    const before = await readRow(table, key);
    expect(before).toBeDefined();
    const { data, error } = await from(clients[actor], table).update(patch).match(key).select();
    if (allowed) {
      expect(error).toBeNull();
      expect(data).toHaveLength(1);
      expect(data?.[0]).toMatchObject(patch);
      expect(await readRow(table, key)).toMatchObject(patch);
    } else {
      // Filtered out by RLS (no rows, no error) or refused by a missing grant (42501).
      if (error) expect(error.code).toBe("42501");
      else expect(data).toEqual([]);
      expect(await readRow(table, key)).toEqual(before);
    }
  },

  async delete(table, actor, allowed) {
    const key = allowed ? await SPECS[table].disposable(A) : SPECS[table].fixture(A);
    const before = await readRow(table, key);
    expect(before).toBeDefined();
    const { data, error } = await from(clients[actor], table).delete().match(key).select();
    expect(error).toBeNull();
    if (allowed) {
      expect(data).toHaveLength(1);
      expect(await readRow(table, key)).toBeUndefined();
    } else {
      expect(data).toEqual([]);
      expect(await readRow(table, key)).toEqual(before);
    }
  },
};

describe.each(TABLES)("RLS matrix: public.%s, on workspace A's rows", (table) => {
  const cases = ACTORS.flatMap((actor) =>
    OPS.map((op) => {
      const allowed = EXPECTED[table][actor].includes(LETTER[op]);
      return [`${actor}: ${op} is ${allowed ? "allowed" : "refused"}`, actor, op, allowed] as const;
    }),
  );

  it.each(cases)("%s", (_title, actor, op, allowed) => checks[op](table, actor, allowed));
});

describe("workspace isolation, reading whole tables with no filter", () => {
  const members = [
    ["member of A", () => A, () => B],
    ["member of B", () => B, () => A],
  ] as const;

  describe.each(members)("%s", (actor, own, other) => {
    it.each(TABLES)(
      "sees only its own workspace's rows in %s: none of the other's, none of the seed's",
      async (table) => {
        const { scope, fixture } = SPECS[table];
        const { data, error } = await from(clients[actor], table).select("*");
        expect(error).toBeNull();
        const rows = (data ?? []) as Row[];
        const workspaces = new Set(rows.map((r) => r[scope]));
        expect([...workspaces]).toEqual([own().id]);
        expect(workspaces.has(DEMO_WORKSPACE)).toBe(false);
        expect(workspaces.has(OTHER_WORKSPACE)).toBe(false);
        const keys = rows.map((r) => keyOf(table, r));
        expect(keys).toContainEqual(fixture(own()));
        expect(keys).not.toContainEqual(fixture(other()));
      },
    );
  });

  it.each(TABLES)("anon sees no row at all in %s", async (table) => {
    const { data, error } = await from(clients.anon, table).select("*");
    expect(error).toBeNull();
    expect(data).toEqual([]);
  });

  it.each(TABLES)("service_role sees both workspaces' rows in %s", async (table) => {
    const { scope, fixture } = SPECS[table];
    const { data, error } = await from(clients.service_role, table).select("*").in(scope, [A.id, B.id]);
    expect(error).toBeNull();
    const keys = ((data ?? []) as Row[]).map((r) => keyOf(table, r));
    expect(keys).toContainEqual(fixture(A));
    expect(keys).toContainEqual(fixture(B));
  });

  it("the seeded workspaces' data exists, so the isolation above is not vacuous", async () => {
    const { rows } = await db.query<{ n: number }>(
      `select (select count(*) from public.contacts where workspace_id = any($1))::int
            + (select count(*) from public.flows where workspace_id = any($1))::int
            + (select count(*) from public.workspace_members where workspace_id = any($1))::int as n`,
      [[DEMO_WORKSPACE, OTHER_WORKSPACE]],
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
  });
});

describe("a member of A writing into workspace B", () => {
  const writable = ["contacts", "flows"] as const;

  it.each(writable)("cannot insert a row of %s into B", async (table) => {
    const row = await SPECS[table].newRow(B);
    const { data, error, status } = await from(clients["member of A"], table).insert(row).select();
    expect(data).toBeNull();
    expect(error?.code).toBe("42501");
    expect(status).toBe(403);
    expect(await readRow(table, keyOf(table, row))).toBeUndefined();
  });

  it.each(writable)("cannot move a row of %s from A into B", async (table) => {
    const key = await SPECS[table].disposable(A);
    const before = await readRow(table, key);
    const { data, error, status } = await from(clients["member of A"], table)
      .update({ workspace_id: B.id })
      .match(key)
      .select();
    expect(data).toBeNull();
    expect(error?.code).toBe("42501");
    expect(status).toBe(403);
    expect(await readRow(table, key)).toEqual(before);
  });

  it.each(writable)("cannot pull a row of %s from B into A", async (table) => {
    const key = SPECS[table].fixture(B);
    const before = await readRow(table, key);
    const { data, error } = await from(clients["member of A"], table)
      .update({ workspace_id: A.id })
      .match(key)
      .select();
    // Filtered out by RLS, or refused outright where workspace_id is not writable (flows).
    if (error) expect(error.code).toBe("42501");
    else expect(data).toEqual([]);
    expect(await readRow(table, key)).toEqual(before);
  });

  it("cannot join workspace B by inserting its own membership", async () => {
    const row = { workspace_id: B.id, user_id: A.member.id, role: "owner" };
    const { error, status } = await from(clients["member of A"], "workspace_members").insert(row);
    expect(error?.code).toBe("42501");
    expect(status).toBe(403);
    expect(await readRow("workspace_members", keyOf("workspace_members", row))).toBeUndefined();
  });

  it("cannot promote itself to owner of its own workspace", async () => {
    const key = SPECS.workspace_members.fixture(A);
    const before = await readRow("workspace_members", key);
    const { data, error } = await from(clients["member of A"], "workspace_members")
      .update({ role: "owner" })
      .match(key)
      .select();
    expect(error).toBeNull();
    expect(data).toEqual([]);
    expect(await readRow("workspace_members", key)).toEqual(before);
  });
});
