// @vitest-environment jsdom

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { downloadExport } from "../../src/admin/functions.ts";
import { adminDb, type Client, signedInClient, stack } from "../support/clients.ts";
import { parseCsv } from "../support/csv.ts";
import { createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

const db = adminDb();

/** jsdom's Blob has no text(); its FileReader reads one. */
const blobText = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
afterAll(() => db.end());

/** downloadExport against the real export-executions, as the admin's Export CSV button calls it. */
describe("downloadExport", () => {
  let client: Client;
  let flowId: string;
  beforeAll(async () => {
    const workspace = await createWorkspace(db);
    const user = await createUser(db, { workspaceId: workspace });
    client = await signedInClient(user.email, user.password);
    flowId = await createFlow(db, workspace, { nodes: [node.trigger()], edges: [] });
    // Contacts whose names hold line breaks: a row of the CSV then spans several lines.
    await db.query(
      `with c as (insert into public.contacts (workspace_id, name, email)
                  select $1, 'Line one ' || i || E'\nline two\r\nline three', 'lines' || i || '@example.com'
                    from generate_series(1, 5) as i
                  returning id)
       insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata)
       select $2, $1, c.id, 'completed', '{}' from c`,
      [workspace, flowId],
    );
  });

  it("reports and returns the number of rows, not of lines, and saves the whole file", async () => {
    let saved: Blob | undefined;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      saved = blob;
      return "blob:export";
    });
    URL.revokeObjectURL = vi.fn();
    const progress: number[] = [];

    const total = await downloadExport(
      { supabase: client, apiUrl: stack.apiUrl, anonKey: stack.anonKey },
      { kind: "enrollments", flowId },
      (rows) => progress.push(rows),
    );

    expect(total).toBe(5);
    expect(progress.at(-1)).toBe(5);
    const [, ...rows] = parseCsv(await blobText(saved as Blob));
    expect(rows).toHaveLength(5);
    expect(rows.map((row) => row[4])).toContain("Line one 3\nline two\r\nline three");
  });
});
