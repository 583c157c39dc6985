/**
 * Pure constants, safe to import from browser and Node code alike.
 *
 * The Supabase CLI's well-known local defaults (`supabase start`), so that
 * anything written against a local Supabase works unchanged against this stack.
 * These values are public and only ever valid on loopback.
 */
export const LOCAL_JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";

export const LOCAL_ANON_KEY =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0";

export const LOCAL_SERVICE_ROLE_KEY =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU";

export const LOCAL_API_PORT = 54321;
export const LOCAL_API_URL = `http://127.0.0.1:${LOCAL_API_PORT}`;
export const LOCAL_DB_PORT = 54322;
export const LOCAL_ADMIN_PORT = 5173;
export const LOCAL_DB_USER = "postgres";
export const LOCAL_DB_PASSWORD = "postgres";

/** PostgREST's `db-max-rows`, Supabase's default "Max rows": no answer holds more rows. */
export const API_MAX_ROWS = 1000;

/** Seconds an access token lives, as GoTrue's default `jwt_expiry`. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export const DEMO_LOGIN = { email: "support@acme.test", password: "demo-password" } as const;
