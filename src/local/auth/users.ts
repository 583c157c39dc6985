import { randomUUID } from "node:crypto";
import type pg from "pg";
import { newRefreshToken } from "./tokens.ts";

export interface AuthUser {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  email_confirmed_at: Date | null;
  phone_confirmed_at: Date | null;
  confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  is_anonymous: boolean;
  banned_until: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
}

const USER_COLUMNS = `id, aud, role, email, phone, email_confirmed_at, phone_confirmed_at, confirmed_at,
  last_sign_in_at, raw_app_meta_data, raw_user_meta_data, is_anonymous, banned_until, created_at, updated_at`;

export type PasswordCheck =
  | { outcome: "ok"; user: AuthUser }
  | { outcome: "invalid" }
  | { outcome: "unconfirmed" }
  | { outcome: "banned" };

/** Auth state lives in Postgres, as GoTrue keeps it: users, sessions, rotating refresh tokens. */
export class UserStore {
  constructor(private readonly db: pg.Pool) {}

  async checkPassword(email: string, password: string): Promise<PasswordCheck> {
    // bcrypt comparison happens in Postgres (pgcrypto), the same hash GoTrue writes.
    const { rows } = await this.db.query<AuthUser & { password_ok: boolean }>(
      `select ${USER_COLUMNS},
         coalesce(encrypted_password = extensions.crypt($2, encrypted_password), false) as password_ok
       from auth.users
       where lower(email) = lower($1) and deleted_at is null and not is_sso_user
       limit 1`,
      [email, password],
    );
    const user = rows[0];
    if (!user?.password_ok) return { outcome: "invalid" };
    if (!user.email_confirmed_at) return { outcome: "unconfirmed" };
    if (user.banned_until && user.banned_until > new Date()) return { outcome: "banned" };
    const { password_ok: _, ...rest } = user;
    return { outcome: "ok", user: rest };
  }

  async byId(id: string): Promise<AuthUser | undefined> {
    const { rows } = await this.db.query<AuthUser>(
      `select ${USER_COLUMNS} from auth.users where id = $1 and deleted_at is null`,
      [id],
    );
    return rows[0];
  }

  async sessionExists(sessionId: string): Promise<boolean> {
    const { rowCount } = await this.db.query("select 1 from auth.sessions where id = $1", [sessionId]);
    return (rowCount ?? 0) > 0;
  }

  async startSession(userId: string): Promise<{ sessionId: string; refreshToken: string }> {
    const sessionId = randomUUID();
    const refreshToken = newRefreshToken();
    await this.db.query(
      `with s as (insert into auth.sessions (id, user_id) values ($1, $2)),
            u as (update auth.users set last_sign_in_at = now() where id = $2)
       insert into auth.refresh_tokens (token, user_id, session_id) values ($3, $2, $1)`,
      [sessionId, userId, refreshToken],
    );
    return { sessionId, refreshToken };
  }

  /**
   * Rotates a refresh token: the old one is revoked and a child issued, atomically,
   * so two concurrent refreshes with the same token cannot both succeed.
   */
  async rotate(
    token: string,
  ): Promise<
    | { outcome: "ok"; userId: string; sessionId: string; refreshToken: string }
    | { outcome: "not_found" | "already_used" }
  > {
    const client = await this.db.connect();
    try {
      await client.query("begin");
      const { rows } = await client.query<{ user_id: string; session_id: string; revoked: boolean }>(
        "select user_id, session_id, revoked from auth.refresh_tokens where token = $1 for update",
        [token],
      );
      const current = rows[0];
      if (!current) {
        await client.query("rollback");
        return { outcome: "not_found" };
      }
      if (current.revoked) {
        await client.query("rollback");
        return { outcome: "already_used" };
      }
      const refreshToken = newRefreshToken();
      await client.query("update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1", [token]);
      await client.query(
        "insert into auth.refresh_tokens (token, user_id, session_id, parent) values ($1, $2, $3, $4)",
        [refreshToken, current.user_id, current.session_id, token],
      );
      await client.query("update auth.sessions set updated_at = now() where id = $1", [current.session_id]);
      await client.query("commit");
      return { outcome: "ok", userId: current.user_id, sessionId: current.session_id, refreshToken };
    } catch (error) {
      await client.query("rollback");
      throw error;
    } finally {
      client.release();
    }
  }

  async endSessions(userId: string, sessionId: string, scope: "global" | "local" | "others"): Promise<void> {
    const sessions = { global: "true", local: "id = $2::uuid", others: "id <> $2::uuid" }[scope];
    await this.db.query(`delete from auth.sessions where user_id = $1::uuid and ${sessions} and $2::uuid is not null`, [
      userId,
      sessionId,
    ]);
  }
}

/** The user object GoTrue returns from /token and /user. */
export function userJson(user: AuthUser) {
  const iso = (d: Date | null) => (d ? d.toISOString() : undefined);
  return {
    id: user.id,
    aud: user.aud ?? "authenticated",
    role: user.role ?? "authenticated",
    email: user.email ?? "",
    email_confirmed_at: iso(user.email_confirmed_at),
    phone: user.phone ?? "",
    phone_confirmed_at: iso(user.phone_confirmed_at),
    confirmed_at: iso(user.confirmed_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    app_metadata: { provider: "email", providers: ["email"], ...(user.raw_app_meta_data ?? {}) },
    user_metadata: user.raw_user_meta_data ?? {},
    identities: [],
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
    is_anonymous: user.is_anonymous,
  };
}
