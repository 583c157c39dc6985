import { keepPreviousData, type QueryKey, useQuery, useQueryClient } from "@tanstack/react-query";

/**
 * supabase-js already retries a read that may pass (a network error, a 503) with backoff, about
 * seven seconds in all; retrying that again here made a list whose API is down spin for half a
 * minute before saying so. A 4xx is not retried by anyone: asking again gives the same answer.
 */
export const NO_RETRY_ON_TOP = false;

/**
 * A list's query, started while the list renders instead of once the whole page has
 * committed (on a cold page load that render is a few hundred milliseconds of antd); a new
 * page or filter keeps the previous rows on screen until its own arrive. A list that is not
 * `enabled` yet (it waits for what its query needs) neither fetches nor prefetches.
 */
export function useListQuery<T>(options: { queryKey: QueryKey; queryFn: () => Promise<T>; enabled?: boolean }) {
  const queryClient = useQueryClient();
  const { enabled = true, ...rest } = options;
  // Fresh for a few seconds, so the page mounting right after its prefetch does not ask
  // again; changes still arrive at once, as Realtime invalidates the lists.
  const query = { ...rest, staleTime: 5_000, retry: NO_RETRY_ON_TOP };
  if (enabled && !queryClient.getQueryState(query.queryKey)) void queryClient.prefetchQuery(query);
  return useQuery({ ...query, enabled, placeholderData: keepPreviousData });
}
