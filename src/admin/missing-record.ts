/** A record id as the tables key them: anything else names no record, and is not worth a request. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a read failed because the record is not there (or not the caller's: RLS answers both
 * alike): PostgREST's "no row" for a single record (PGRST116), or an id Postgres cannot read
 * as a uuid (22P02). Refine's Supabase provider keeps PostgREST's code on its errors.
 */
export function isMissingRecord(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return code === "PGRST116" || code === "22P02";
}
