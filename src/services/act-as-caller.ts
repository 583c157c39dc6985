import type pg from "pg";

/**
 * Makes the rest of the open transaction run as PostgREST runs a request: role
 * `authenticated` and the caller's JWT claims, so Row Level Security decides what it reads.
 */
export async function actAsCaller(tx: pg.ClientBase, claims: unknown): Promise<void> {
  await tx.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [
    JSON.stringify(claims),
  ]);
}
