import { useShow } from "@refinedev/core";
import { NO_RETRY_ON_TOP } from "./list-query.ts";

/** A record id as the tables key them: anything else names no record, and is not worth a request. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A record's page read: a malformed id is not asked for, and a record that is not there (or
 * not the caller's: RLS answers both alike) is `missing`. Refine's Supabase provider answers a
 * missing row with no data rather than an error, so no error toast either: the page says it.
 */
export function useRecordShow<T extends object>(resource: string, id: string) {
  const wellFormed = UUID.test(id);
  const { query } = useShow<T>({
    resource,
    id,
    errorNotification: false,
    queryOptions: { enabled: wellFormed, retry: NO_RETRY_ON_TOP },
  });
  const record = query.data?.data;
  return { query, record, missing: !wellFormed || (query.isSuccess && !record) };
}
