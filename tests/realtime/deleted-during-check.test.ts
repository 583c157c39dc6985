import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Authoriser, type Principal, verifyToken } from "../../src/local/realtime/authorisation.ts";
import { Catalog } from "../../src/local/realtime/catalog.ts";
import type { RawRow, RowChange } from "../../src/local/realtime/change-source.ts";
import { convertRow } from "../../src/local/realtime/payload.ts";
import { adminDb, stack } from "../support/clients.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import { accessToken } from "./support.ts";

/**
 * The authoriser looks twice: which changed rows are gone (judged on their WAL image), then,
 * as the subscriber, which of the others it may select. A row deleted between the two looks
 * (an update followed at once by a delete) must still be judged, not dropped. The delete is
 * made to land exactly there: right after the first look returns.
 */

const db = adminDb();
let workspace: string;
let member: Principal;
let outsider: Principal;

async function principal(userId: string): Promise<Principal> {
  const check = await verifyToken(await accessToken(userId), new TextEncoder().encode(stack.jwtSecret));
  if (!check.ok) throw new Error(check.reason);
  return check.principal;
}

beforeAll(async () => {
  workspace = await createWorkspace(db);
  member = await principal((await createUser(db, { workspaceId: workspace })).id);
  outsider = await principal((await createUser(db, { workspaceId: await createWorkspace(db) })).id);
});

afterAll(async () => {
  await db.end();
});

/** A contact and its UPDATE as the change source hands it over: values as Postgres's text. */
async function updatedContact(): Promise<{ id: string; change: RowChange }> {
  const result = await db.query<RawRow>({
    text: "insert into public.contacts (workspace_id, name) values ($1, 'deleted meanwhile') returning *",
    values: [workspace],
    types: { getTypeParser: () => (value: string) => value },
  });
  const record = result.rows[0] as RawRow;
  const { rows } = await db.query<{ oid: number }>("select 'public.contacts'::regclass::oid::int as oid");
  const change: RowChange = {
    type: "UPDATE",
    relationId: rows[0]?.oid as number,
    schema: "public",
    table: "contacts",
    columns: result.fields.map((f) => ({ name: f.name, typeOid: f.dataTypeID })),
    record,
    oldRecord: record,
    commitTime: Date.now(),
  };
  return { id: record.id as string, change };
}

/** A pool for the authoriser that deletes the contact as soon as the look for vanished rows returns. */
function deletingAfterVanishedLook(id: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: stack.dbUrl, max: 2 });
  const query = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
  let deleted = false;
  pool.query = (async (text: string, values?: unknown[]) => {
    const result = await query(text, values);
    if (!deleted && text.includes("where not exists")) {
      deleted = true;
      await db.query("delete from public.contacts where id = $1", [id]);
    }
    return result;
  }) as unknown as typeof pool.query;
  return pool;
}

describe("Realtime authorisation of a row deleted while it is checked", () => {
  it("judges the update on its row from the WAL: the member sees it, the outsider does not", async () => {
    const { id, change } = await updatedContact();
    const pool = deletingAfterVanishedLook(id);
    try {
      const catalog = new Catalog(pool);
      const types = await catalog.typesFor(change.columns.map((c) => c.typeOid));
      const image = (c: RowChange) => (c.record ? convertRow(c.record, c, types) : undefined);
      const authoriser = new Authoriser(pool, catalog, image, () => {});

      const [forMember, forOutsider] = await authoriser.visibleToEach([
        { principal: member, changes: [change] },
        { principal: outsider, changes: [change] },
      ]);

      const { rowCount } = await db.query("select 1 from public.contacts where id = $1", [id]);
      expect(rowCount).toBe(0); // the delete did land between the looks
      expect(forMember?.has(change)).toBe(true);
      expect(forOutsider?.has(change)).toBe(false);
    } finally {
      await pool.end();
    }
  });
});
