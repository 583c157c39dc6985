import type { IncomingMessage, ServerResponse } from "node:http";
import { ACCESS_TOKEN_TTL_SECONDS } from "../../config/local-supabase.ts";
import { bearerToken, HttpError, readJson, sendJson } from "../http/json.ts";
import type { TokenIssuer } from "./tokens.ts";
import { type AuthUser, type UserStore, userJson } from "./users.ts";

/** GoTrue changed its error body at API version 2024-01-01; supabase-js asks for it by header. */
const API_VERSION = "2024-01-01";

/**
 * The subset of GoTrue (Supabase Auth) this stack serves at /auth/v1:
 * password sign-in, refresh-token rotation, the current user, and sign-out.
 */
export function authRoutes(users: UserStore, tokens: TokenIssuer) {
  async function session(user: AuthUser, sessionId: string, refreshToken: string) {
    const { token, expiresAt } = await tokens.accessToken(user, sessionId);
    return {
      access_token: token,
      token_type: "bearer",
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      expires_at: expiresAt,
      refresh_token: refreshToken,
      user: userJson(user),
    };
  }

  async function passwordGrant(body: Record<string, unknown>) {
    const { email, password } = body;
    if (typeof email !== "string" || typeof password !== "string" || !email || !password) {
      throw new HttpError(400, "An email address and a password are required", "validation_failed");
    }
    const check = await users.checkPassword(email, password);
    switch (check.outcome) {
      case "invalid":
        throw new HttpError(400, "Invalid login credentials", "invalid_credentials");
      case "unconfirmed":
        throw new HttpError(400, "Email not confirmed", "email_not_confirmed");
      case "banned":
        throw new HttpError(400, "User is banned", "user_banned");
      case "ok": {
        const { sessionId, refreshToken } = await users.startSession(check.user.id);
        return session(check.user, sessionId, refreshToken);
      }
    }
  }

  async function refreshGrant(body: Record<string, unknown>) {
    const token = body.refresh_token;
    if (typeof token !== "string" || !token) {
      throw new HttpError(400, "A refresh_token is required", "validation_failed");
    }
    const rotated = await users.rotate(token);
    switch (rotated.outcome) {
      case "not_found":
        throw new HttpError(400, "Invalid Refresh Token: Refresh Token Not Found", "refresh_token_not_found");
      case "already_used":
        throw new HttpError(400, "Invalid Refresh Token: Already Used", "refresh_token_already_used");
      case "ok": {
        const user = await users.byId(rotated.userId);
        if (!user) throw new HttpError(400, "User not found", "user_not_found");
        return session(user, rotated.sessionId, rotated.refreshToken);
      }
    }
  }

  /** Resolves the bearer token to a live session, as GoTrue does for /user and /logout. */
  async function authenticate(req: IncomingMessage) {
    const token = bearerToken(req);
    if (!token) throw new HttpError(401, "This endpoint requires a Bearer token", "no_authorization");
    const claims = await tokens.verify(token);
    if (!claims?.sub) throw new HttpError(403, "invalid JWT: unable to parse or verify signature", "bad_jwt");
    if (claims.session_id && !(await users.sessionExists(claims.session_id))) {
      throw new HttpError(403, "Session from session_id claim in JWT does not exist", "session_not_found");
    }
    const user = await users.byId(claims.sub);
    if (!user) throw new HttpError(403, "User from sub claim in JWT does not exist", "user_not_found");
    return { user, sessionId: claims.session_id };
  }

  return async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const url = new URL(path, "http://localhost");
    const versioned = (req.headers["x-supabase-api-version"] ?? "") >= API_VERSION;
    try {
      const route = `${req.method} ${url.pathname}`;
      switch (route) {
        case "POST /token": {
          const body = (await readJson(req)) as Record<string, unknown>;
          const grant = url.searchParams.get("grant_type");
          if (grant === "password") return sendJson(res, 200, await passwordGrant(body));
          if (grant === "refresh_token") return sendJson(res, 200, await refreshGrant(body));
          throw new HttpError(400, `Unsupported grant_type: ${grant ?? "(none)"}`, "unsupported_grant_type");
        }
        case "GET /user": {
          const { user } = await authenticate(req);
          return sendJson(res, 200, userJson(user));
        }
        case "POST /logout": {
          const { user, sessionId } = await authenticate(req);
          const scope = url.searchParams.get("scope") ?? "global";
          if (scope !== "global" && scope !== "local" && scope !== "others") {
            throw new HttpError(400, `Unsupported logout scope: ${scope}`, "validation_failed");
          }
          await users.endSessions(user.id, sessionId, scope);
          return sendJson(res, 204, undefined);
        }
        case "GET /health":
          return sendJson(res, 200, { name: "GoTrue (flow-executions local subset)", description: "ok" });
        case "GET /settings":
          return sendJson(res, 200, {
            external: { email: true, phone: false },
            disable_signup: true,
            mailer_autoconfirm: false,
            phone_autoconfirm: false,
            sms_provider: "",
          });
        default:
          throw new HttpError(404, `${route} is not supported by the local Auth subset`, "not_found");
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (versioned) {
        return sendJson(
          res,
          error.status,
          { code: error.code ?? "unexpected_failure", message: error.message },
          { "x-supabase-api-version": API_VERSION },
        );
      }
      return sendJson(res, error.status, { code: error.status, error_code: error.code, msg: error.message });
    }
  };
}
