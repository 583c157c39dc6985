import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ENROLLMENT_REASONS,
  EXECUTION_STATUSES,
  FLOW_STATUSES,
  STEP_STATUSES,
  WORKSPACE_ROLES,
} from "../../src/domain/statuses.ts";
import { migrate, migrationFiles } from "../../src/local/migrate.ts";
import { adminDb, stack } from "../support/clients.ts";
import { createUser, createWorkspace, DEMO_WORKSPACE, OTHER_WORKSPACE } from "../support/fixtures.ts";

/** Constraints, cascades and triggers of the core schema, checked as superuser (no RLS in the way). */

const db = adminDb();

const created = { workspaces: [] as string[], users: [] as string[] };

async function newWorkspace(): Promise<string> {
  const id = await createWorkspace(db, "Constraints test");
  created.workspaces.push(id);
  return id;
}

async function newUser(workspaceId?: string) {
  const user = await createUser(db, { workspaceId });
  created.users.push(user.id);
  return user;
}

async function one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await db.query(sql, params);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql}`);
  return rows[0] as T;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return (await one<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).n;
}

const insert = {
  contact: async (ws: string) =>
    (
      await one<{ id: string }>("insert into public.contacts (workspace_id, name) values ($1, 'Carl') returning id", [
        ws,
      ])
    ).id,
  flow: async (ws: string) =>
    (
      await one<{ id: string }>("insert into public.flows (workspace_id, name) values ($1, 'A flow') returning id", [
        ws,
      ])
    ).id,
  execution: async (ws: string, flow: string, contact: string | null) =>
    (
      await one<{ id: string }>(
        "insert into public.flow_executions (workspace_id, flow_id, contact_id) values ($1, $2, $3) returning id",
        [ws, flow, contact],
      )
    ).id,
  step: async (execution: string, nodeId = `node-${randomUUID()}`) =>
    (
      await one<{ id: string }>(
        "insert into public.flow_execution_steps (execution_id, node_id, node_type) values ($1, $2, 'send_email') returning id",
        [execution, nodeId],
      )
    ).id,
  outbox: async (ws: string, execution: string) =>
    (
      await one<{ id: string }>(
        `insert into public.outbox_messages (workspace_id, execution_id, channel, recipient, idempotency_key)
         values ($1, $2, 'email', 'carl@test.example', $3) returning id`,
        [ws, execution, randomUUID()],
      )
    ).id,
};

/** A workspace with a member, a contact, a flow, an execution and a step: the usual shape. */
async function arrange() {
  const workspace = await newWorkspace();
  const member = await newUser(workspace);
  const contact = await insert.contact(workspace);
  const flow = await insert.flow(workspace);
  const execution = await insert.execution(workspace, flow, contact);
  const step = await insert.step(execution);
  return { workspace, member, contact, flow, execution, step };
}

let W: Awaited<ReturnType<typeof arrange>>;

beforeAll(async () => {
  W = await arrange();
});

afterAll(async () => {
  try {
    await db.query("delete from public.workspaces where id = any($1)", [created.workspaces]);
    await db.query("delete from auth.users where id = any($1)", [created.users]);
  } finally {
    await db.end();
  }
});

describe("status columns allow exactly the lists in src/domain/statuses.ts", () => {
  const columns = [
    {
      table: "flow_executions",
      column: "status",
      values: EXECUTION_STATUSES,
      key: () => ({ id: W.execution }),
      insertWith: (value: string) =>
        db.query("insert into public.flow_executions (workspace_id, flow_id, status) values ($1, $2, $3)", [
          W.workspace,
          W.flow,
          value,
        ]),
    },
    {
      table: "flow_execution_steps",
      column: "status",
      values: STEP_STATUSES,
      key: () => ({ id: W.step }),
      insertWith: (value: string) =>
        db.query(
          "insert into public.flow_execution_steps (execution_id, node_id, node_type, status) values ($1, $2, 'delay', $3)",
          [W.execution, `node-${randomUUID()}`, value],
        ),
    },
    {
      table: "flows",
      column: "status",
      values: FLOW_STATUSES,
      key: () => ({ id: W.flow }),
      insertWith: (value: string) =>
        db.query("insert into public.flows (workspace_id, name, status) values ($1, 'x', $2)", [W.workspace, value]),
    },
    {
      table: "flow_executions",
      column: "enrollment_reason",
      values: ENROLLMENT_REASONS,
      key: () => ({ id: W.execution }),
      insertWith: (value: string) =>
        db.query("insert into public.flow_executions (workspace_id, flow_id, enrollment_reason) values ($1, $2, $3)", [
          W.workspace,
          W.flow,
          value,
        ]),
    },
    {
      table: "workspace_members",
      column: "role",
      values: WORKSPACE_ROLES,
      key: () => ({ workspace_id: W.workspace, user_id: W.member.id }),
      insertWith: async (value: string) =>
        db.query("insert into public.workspace_members (workspace_id, user_id, role) values ($1, $2, $3)", [
          W.workspace,
          (await newUser()).id,
          value,
        ]),
    },
  ] as const;

  /** The single-column CHECK constraint on the column, with the values its `= ANY (ARRAY[...])` lists. */
  async function checkConstraint(table: string, column: string) {
    const { rows } = await db.query<{ name: string; def: string }>(
      `select c.conname as name, pg_get_constraintdef(c.oid) as def
         from pg_constraint c
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
        where c.conrelid = $1::regclass and c.contype = 'c' and a.attname = $2`,
      [`public.${table}`, column],
    );
    expect(rows, `one CHECK constraint on ${table}.${column}`).toHaveLength(1);
    const { name, def } = rows[0] as { name: string; def: string };
    // Anything but a plain list (a regex, a function, an extra condition) would escape this test.
    expect(def).toMatch(
      new RegExp(`^CHECK \\(\\(${column} = ANY \\(ARRAY\\[('(?:[^']|'')*'::text(, )?)+\\]\\)\\)\\)$`),
    );
    const allowed = [...def.matchAll(/'((?:[^']|'')*)'::text/g)].map((m) => (m[1] as string).replaceAll("''", "'"));
    return { name, allowed };
  }

  async function setColumn(table: string, column: string, key: Record<string, string>, value: string) {
    const keys = Object.keys(key);
    const where = keys.map((k, i) => `${k} = $${i + 2}`).join(" and ");
    return db.query(`update public.${table} set ${column} = $1 where ${where} returning ${column} as value`, [
      value,
      ...Object.values(key),
    ]);
  }

  const named = columns.map((c) => [`${c.table}.${c.column}`, c] as const);

  describe.each(named)("%s", (_name, { table, column, values, key, insertWith }) => {
    it("has a CHECK constraint listing exactly the TypeScript values", async () => {
      const { allowed } = await checkConstraint(table, column);
      expect([...allowed].sort()).toEqual([...values].sort());
      expect(new Set(allowed).size).toBe(allowed.length);
    });

    it.each(values)("accepts %s", async (value) => {
      const { rows } = await setColumn(table, column, key(), value);
      expect(rows).toEqual([{ value }]);
    });

    it.each(["bogus", "", values[0].toUpperCase(), ` ${values[0]}`, `${values[0]}s`])(
      "rejects %j with a check violation",
      async (value) => {
        const { name } = await checkConstraint(table, column);
        const before = await setColumn(table, column, key(), values[0]);
        await expect(setColumn(table, column, key(), value)).rejects.toMatchObject({ code: "23514", constraint: name });
        const where = Object.keys(key())
          .map((k, i) => `${k} = $${i + 1}`)
          .join(" and ");
        const after = await db.query(
          `select ${column} as value from public.${table} where ${where}`,
          Object.values(key()),
        );
        expect(after.rows).toEqual(before.rows);
      },
    );

    it("rejects an unknown value on insert too, and accepts each listed one there", async () => {
      const { name } = await checkConstraint(table, column);
      await expect(insertWith("bogus")).rejects.toMatchObject({ code: "23514", constraint: name });
      for (const value of values) await expect(insertWith(value)).resolves.toMatchObject({ rowCount: 1 });
    });
  });
});

describe("cascades", () => {
  it("deleting an execution deletes its steps", async () => {
    const execution = await insert.execution(W.workspace, W.flow, W.contact);
    await insert.step(execution);
    await insert.step(execution);
    expect(await count("public.flow_execution_steps where execution_id = $1", [execution])).toBe(2);

    await db.query("delete from public.flow_executions where id = $1", [execution]);
    expect(await count("public.flow_execution_steps where execution_id = $1", [execution])).toBe(0);
  });

  it("deleting a contact keeps its executions, with contact_id set to null", async () => {
    const contact = await insert.contact(W.workspace);
    const execution = await insert.execution(W.workspace, W.flow, contact);

    await db.query("delete from public.contacts where id = $1", [contact]);
    const row = await one("select contact_id, flow_id, workspace_id from public.flow_executions where id = $1", [
      execution,
    ]);
    expect(row).toEqual({ contact_id: null, flow_id: W.flow, workspace_id: W.workspace });
  });

  it("deleting a flow that has executions is refused with a foreign key violation", async () => {
    const flow = await insert.flow(W.workspace);
    await insert.execution(W.workspace, flow, null);

    await expect(db.query("delete from public.flows where id = $1", [flow])).rejects.toMatchObject({
      code: "23503",
      constraint: "flow_executions_flow_id_fkey",
    });
    expect(await count("public.flows where id = $1", [flow])).toBe(1);
  });

  it("deleting a flow without executions works", async () => {
    const flow = await insert.flow(W.workspace);
    const { rowCount } = await db.query("delete from public.flows where id = $1", [flow]);
    expect(rowCount).toBe(1);
  });

  it("deleting a workspace removes its members, contacts, flows, executions, steps and outbox in one statement", async () => {
    const ws = await arrange();
    const retried = await insert.execution(ws.workspace, ws.flow, ws.contact);
    await db.query("update public.flow_executions set retry_of = $1, attempt = 2 where id = $2", [
      ws.execution,
      retried,
    ]);
    await insert.step(retried);
    await insert.outbox(ws.workspace, ws.execution);
    await insert.outbox(ws.workspace, retried);
    const executions = [ws.execution, retried];

    const counts = async () => ({
      workspaces: await count("public.workspaces where id = $1", [ws.workspace]),
      members: await count("public.workspace_members where workspace_id = $1", [ws.workspace]),
      contacts: await count("public.contacts where workspace_id = $1", [ws.workspace]),
      flows: await count("public.flows where workspace_id = $1", [ws.workspace]),
      executions: await count("public.flow_executions where workspace_id = $1 or id = any($2)", [
        ws.workspace,
        executions,
      ]),
      steps: await count("public.flow_execution_steps where workspace_id = $1 or execution_id = any($2)", [
        ws.workspace,
        executions,
      ]),
      outbox: await count("public.outbox_messages where workspace_id = $1", [ws.workspace]),
    });
    expect(await counts()).toEqual({
      workspaces: 1,
      members: 1,
      contacts: 1,
      flows: 1,
      executions: 2,
      steps: 2,
      outbox: 2,
    });

    const { rowCount } = await db.query("delete from public.workspaces where id = $1", [ws.workspace]);
    expect(rowCount).toBe(1);
    expect(await counts()).toEqual({
      workspaces: 0,
      members: 0,
      contacts: 0,
      flows: 0,
      executions: 0,
      steps: 0,
      outbox: 0,
    });
    // The user is not the workspace's: only the membership goes.
    expect(await count("auth.users where id = $1", [ws.member.id])).toBe(1);
  });

  it("deleting an auth user removes their memberships and keeps the flows they created", async () => {
    const other = await newWorkspace();
    const user = await newUser(W.workspace);
    await db.query("insert into public.workspace_members (workspace_id, user_id) values ($1, $2)", [other, user.id]);
    const flow = (
      await one<{ id: string }>(
        "insert into public.flows (workspace_id, name, created_by) values ($1, 'Made by a leaver', $2) returning id",
        [W.workspace, user.id],
      )
    ).id;
    expect(await count("public.workspace_members where user_id = $1", [user.id])).toBe(2);

    await db.query("delete from auth.users where id = $1", [user.id]);
    expect(await count("public.workspace_members where user_id = $1", [user.id])).toBe(0);
    expect(await count("public.workspaces where id = any($1)", [[W.workspace, other]])).toBe(2);
    expect(await one("select created_by from public.flows where id = $1", [flow])).toEqual({ created_by: null });
  });
});

describe("triggers", () => {
  const LONG_AGO = "2000-01-01T00:00:00Z";

  const updatedAtTables = [
    {
      table: "flows",
      make: () =>
        one<{ id: string }>(
          "insert into public.flows (workspace_id, name, updated_at) values ($1, 'Old flow', $2) returning id",
          [W.workspace, LONG_AGO],
        ),
      change: "description = 'changed'",
    },
    {
      table: "contacts",
      make: () =>
        one<{ id: string }>(
          "insert into public.contacts (workspace_id, name, updated_at) values ($1, 'Old contact', $2) returning id",
          [W.workspace, LONG_AGO],
        ),
      change: "name = 'changed'",
    },
    {
      table: "flow_executions",
      make: () =>
        one<{ id: string }>(
          "insert into public.flow_executions (workspace_id, flow_id, updated_at) values ($1, $2, $3) returning id",
          [W.workspace, W.flow, LONG_AGO],
        ),
      change: "status = 'running'",
    },
    {
      table: "flow_execution_steps",
      make: () =>
        one<{ id: string }>(
          `insert into public.flow_execution_steps (execution_id, node_id, node_type, updated_at)
           values ($1, $2, 'delay', $3) returning id`,
          [W.execution, `node-${randomUUID()}`, LONG_AGO],
        ),
      change: "status = 'running'",
    },
  ] as const;

  describe.each(updatedAtTables.map((t) => [`${t.table}.updated_at`, t] as const))(
    "%s",
    (_name, { table, make, change }) => {
      it("is set to the time of the update", async () => {
        const { id } = await make();
        expect(await one(`select updated_at from public.${table} where id = $1`, [id])).toEqual({
          updated_at: new Date(LONG_AGO),
        });
        const row = await one<{ updated_at: Date; now: Date }>(
          `update public.${table} set ${change} where id = $1 returning updated_at, now() as now`,
          [id],
        );
        expect(row.updated_at).toEqual(row.now);
        expect(row.updated_at.getTime()).toBeGreaterThan(Date.now() - 60_000);
      });

      it("cannot be pinned by the update itself", async () => {
        const { id } = await make();
        const row = await one<{ updated_at: Date; now: Date }>(
          `update public.${table} set ${change}, updated_at = $2 where id = $1 returning updated_at, now() as now`,
          [id, LONG_AGO],
        );
        expect(row.updated_at).toEqual(row.now);
      });
    },
  );

  describe("flow_execution_steps copy workspace_id, flow_id and contact_id from their execution", () => {
    it("overwrites wrong values supplied by the insert", async () => {
      // Real rows of another workspace, so only the trigger (no foreign key) can catch them.
      const wrong = await arrange();
      const row = await one(
        `insert into public.flow_execution_steps (execution_id, node_id, node_type, workspace_id, flow_id, contact_id)
         values ($1, $2, 'send_email', $3, $4, $5) returning workspace_id, flow_id, contact_id`,
        [W.execution, `node-${randomUUID()}`, wrong.workspace, wrong.flow, wrong.contact],
      );
      expect(row).toEqual({ workspace_id: W.workspace, flow_id: W.flow, contact_id: W.contact });
    });

    it("copies a null contact as null", async () => {
      const execution = await insert.execution(W.workspace, W.flow, null);
      const row = await one(
        `insert into public.flow_execution_steps (execution_id, node_id, node_type, workspace_id, flow_id, contact_id)
         values ($1, 'n1', 'send_email', 'nope', $2, $3) returning workspace_id, flow_id, contact_id`,
        [execution, randomUUID(), W.contact],
      );
      expect(row).toEqual({ workspace_id: W.workspace, flow_id: W.flow, contact_id: null });
    });

    it("fills them in when the insert omits them", async () => {
      const id = await insert.step(W.execution);
      expect(
        await one("select workspace_id, flow_id, contact_id from public.flow_execution_steps where id = $1", [id]),
      ).toEqual({ workspace_id: W.workspace, flow_id: W.flow, contact_id: W.contact });
    });

    it("refuses a step whose execution does not exist", async () => {
      const missing = randomUUID();
      await expect(insert.step(missing)).rejects.toMatchObject({
        code: "23503",
        message: `execution ${missing} does not exist`,
      });
    });

    it("follows the execution when its contact is deleted", async () => {
      const contact = await insert.contact(W.workspace);
      const execution = await insert.execution(W.workspace, W.flow, contact);
      const step = await insert.step(execution);
      await db.query("delete from public.contacts where id = $1", [contact]);
      expect(await one("select contact_id from public.flow_execution_steps where id = $1", [step])).toEqual({
        contact_id: null,
      });
    });
  });

  describe("flow_execution_steps.duration_ms", () => {
    const STARTED = "2026-01-01T00:00:00Z";

    async function stepWith(started: string | null, completed: string | null) {
      return one<{ id: string; duration_ms: number | null }>(
        `insert into public.flow_execution_steps (execution_id, node_id, node_type, started_at, completed_at)
         values ($1, $2, 'send_email', $3, $4) returning id, duration_ms`,
        [W.execution, `node-${randomUUID()}`, started, completed],
      );
    }

    it.each([
      ["1.5 s", "2026-01-01T00:00:01.500Z", 1500],
      ["zero", STARTED, 0],
      ["a 2-day delay", "2026-01-03T00:00:00Z", 172_800_000],
    ])("is completed_at - started_at in milliseconds (%s)", async (_label, completed, expected) => {
      expect((await stepWith(STARTED, completed)).duration_ms).toBe(expected);
    });

    it("is null until the step has both started and completed", async () => {
      expect((await stepWith(null, null)).duration_ms).toBeNull();
      expect((await stepWith(STARTED, null)).duration_ms).toBeNull();
      expect((await stepWith(null, STARTED)).duration_ms).toBeNull();
    });

    it("is recomputed when completed_at is set later", async () => {
      const { id } = await stepWith(STARTED, null);
      const row = await one(
        "update public.flow_execution_steps set completed_at = $2 where id = $1 returning duration_ms",
        [id, "2026-01-01T00:00:02.250Z"],
      );
      expect(row).toEqual({ duration_ms: 2250 });
    });

    it("cannot be written directly", async () => {
      await expect(
        db.query(
          "insert into public.flow_execution_steps (execution_id, node_id, node_type, duration_ms) values ($1, $2, 'x', 5)",
          [W.execution, `node-${randomUUID()}`],
        ),
      ).rejects.toMatchObject({ code: "428C9" });
    });

    it("refuses completed_at before started_at", async () => {
      await expect(stepWith(STARTED, "2025-12-31T23:59:59Z")).rejects.toMatchObject({ code: "23514" });
    });

    it("holds a step longer than 24.8 days (a 30-day delay)", async () => {
      expect((await stepWith(STARTED, "2026-01-31T00:00:00Z")).duration_ms).toBe(2_592_000_000);
    });
  });
});

describe("migrations", () => {
  const seededRow = (row: string) =>
    `${row}.created_at <= (select w.created_at from public.workspaces w where w.id = ${row}.workspace_id)`;

  async function seededCounts() {
    const seeded = [DEMO_WORKSPACE, OTHER_WORKSPACE];
    return {
      workspaces: await count("public.workspaces where id = any($1)", [seeded]),
      members: await count("public.workspace_members where workspace_id = any($1)", [seeded]),
      // Seeded in the seed's transaction (so no later than the workspace): other test files add
      // flows and contacts to the demo workspace while this one runs.
      flows: await count(`public.flows f where f.workspace_id = any($1) and ${seededRow("f")}`, [seeded]),
      contacts: await count(`public.contacts c where c.workspace_id = any($1) and ${seededRow("c")}`, [seeded]),
      users: await count("auth.users where email in ('support@acme.test', 'other@globex.test')"),
      identities: await count(
        "auth.identities where provider_id in (select id::text from auth.users where email in ('support@acme.test', 'other@globex.test'))",
      ),
      migrations: await count("supabase_migrations.schema_migrations"),
      seedFiles: await count("supabase_migrations.seed_files"),
    };
  }

  it("re-running migrate(dbUrl, { seed: true }) applies nothing, seeds nothing and changes no row", async () => {
    const before = await seededCounts();
    expect(before).toEqual({
      workspaces: 2,
      members: 2,
      flows: 6,
      contacts: 75,
      users: 2,
      identities: 2,
      migrations: (await migrationFiles()).length,
      seedFiles: 1,
    });

    const report = await migrate(stack.dbUrl, { seed: true });
    expect(report).toEqual({ applied: [], seeded: false });
    expect(await seededCounts()).toEqual(before);
  });

  it("closing the open steps of executions cancelled earlier touches only those steps", async () => {
    const ws = await newWorkspace();
    const flow = await insert.flow(ws);
    const [cancelled, running] = [await insert.execution(ws, flow, null), await insert.execution(ws, flow, null)];
    await db.query(
      "update public.flow_executions set status = 'running', started_at = '2026-01-01T00:00:00Z' where id = any($1)",
      [[cancelled, running]],
    );
    const stepOn = async (execution: string, status: string) => {
      const id = await insert.step(execution);
      await db.query(
        "update public.flow_execution_steps set status = $2, started_at = '2026-01-01T00:00:00Z' where id = $1",
        [id, status],
      );
      return id;
    };
    const waiting = await stepOn(cancelled, "running");
    const sent = await stepOn(cancelled, "success");
    const stillWaiting = await stepOn(running, "running");
    await db.query(
      "update public.flow_executions set status = 'cancelled', completed_at = '2026-01-02T00:00:00Z' where id = $1",
      [cancelled],
    );

    const file = (await migrationFiles()).find((m) => m.name === "close_steps_of_cancelled_executions");
    await db.query(await readFile(file?.file as string, "utf8"));

    const { rows } = await db.query(
      "select id, status, completed_at, result from public.flow_execution_steps where id = any($1)",
      [[waiting, sent, stillWaiting]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(waiting)).toMatchObject({
      status: "skipped",
      completed_at: new Date("2026-01-02T00:00:00Z"),
      result: { reason: "execution cancelled" },
    });
    expect(byId.get(sent)).toMatchObject({ status: "success", completed_at: null });
    expect(byId.get(stillWaiting)).toMatchObject({ status: "running", completed_at: null });
  });

  it("records every migration file in supabase_migrations.schema_migrations", async () => {
    const { rows } = await db.query<{ version: string; name: string }>(
      "select version, name from supabase_migrations.schema_migrations order by version",
    );
    expect(rows).toEqual((await migrationFiles()).map(({ version, name }) => ({ version, name })));
  });
});
