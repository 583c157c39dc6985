import { jwtVerify } from "jose";
import { FunctionError } from "./http.ts";

/**
 * The signed-in user behind the request. The anon and service_role keys are not users:
 * these functions act for support staff, and RLS-equivalent checks use the user's id.
 */
export async function requireUser(
  req: Request,
  jwtSecret: string,
): Promise<{ userId: string; claims: Record<string, unknown> }> {
  const header = req.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  if (!token) throw new FunctionError(401, "missing Authorization: Bearer <user access token>");
  let payload: { sub?: string; role?: string; [claim: string]: unknown };
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(jwtSecret), { algorithms: ["HS256"] }));
  } catch {
    throw new FunctionError(401, "invalid or expired access token");
  }
  if (payload.role !== "authenticated" || !payload.sub) {
    throw new FunctionError(401, "a signed-in user's access token is required (not the anon or service key)");
  }
  return { userId: payload.sub, claims: payload };
}
