import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { WorkspaceRole } from "../../src/domain/statuses.ts";
import { accessToken, signedInClient } from "./clients.ts";

export const DEMO_WORKSPACE = "15213";
export const OTHER_WORKSPACE = "90210";
export const PASSWORD = "test-password-1";

/** A confirmed user created the way Supabase docs suggest for seeding: bcrypt via pgcrypto. */
export async function createUser(
  db: pg.Pool,
  options: { workspaceId?: string; email?: string; role?: WorkspaceRole } = {},
) {
  const email = options.email ?? `user-${randomUUID()}@test.example`;
  const { rows } = await db.query<{ id: string }>(
    `insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
     values ($1, crypt($2, gen_salt('bf')), now(), '{"name": "Test User"}') returning id`,
    [email, PASSWORD],
  );
  const id = (rows[0] as { id: string }).id;
  if (options.workspaceId) {
    await db.query("insert into public.workspace_members (workspace_id, user_id, role) values ($1, $2, $3)", [
      options.workspaceId,
      id,
      options.role ?? "support",
    ]);
  }
  return { id, email, password: PASSWORD };
}

export async function createWorkspace(db: pg.Pool, name = "Test workspace"): Promise<string> {
  const id = `ws-${randomUUID().slice(0, 8)}`;
  await db.query("insert into public.workspaces (id, name) values ($1, $2)", [id, name]);
  return id;
}

/** A new member of the workspace (support staff unless told), signed in: their access token. */
export async function memberToken(db: pg.Pool, workspaceId: string, role?: WorkspaceRole): Promise<string> {
  const user = await createUser(db, { workspaceId, role });
  return accessToken(await signedInClient(user.email, user.password));
}
