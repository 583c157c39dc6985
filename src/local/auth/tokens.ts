import { randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { ACCESS_TOKEN_TTL_SECONDS } from "../../config/local-supabase.ts";
import type { AuthUser } from "./users.ts";

export interface AccessClaims {
  sub: string;
  role: string;
  aud: string;
  email: string;
  phone: string;
  session_id: string;
  exp: number;
  iat: number;
  iss: string;
  is_anonymous: boolean;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  aal: string;
  amr: { method: string; timestamp: number }[];
}

export class TokenIssuer {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly issuer: string,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async accessToken(user: AuthUser, sessionId: string): Promise<{ token: string; expiresAt: number }> {
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + ACCESS_TOKEN_TTL_SECONDS;
    const token = await new SignJWT({
      email: user.email ?? "",
      phone: user.phone ?? "",
      role: user.role ?? "authenticated",
      session_id: sessionId,
      is_anonymous: false,
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      aal: "aal1",
      amr: [{ method: "password", timestamp: now }],
    })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(user.id)
      .setAudience(user.aud ?? "authenticated")
      .setIssuer(this.issuer)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt };
  }

  /** Verifies signature and expiry; returns undefined for anything that is not a valid token. */
  async verify(token: string): Promise<AccessClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ["HS256"] });
      return payload as unknown as AccessClaims;
    } catch {
      return undefined;
    }
  }
}

export function newRefreshToken(): string {
  return randomBytes(16).toString("base64url");
}
