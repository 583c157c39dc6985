import { keepPreviousData, type QueryKey, usePrefetchQuery, useQuery } from "@tanstack/react-query";

/**
 * Retries a failed read up to three times, but not one the API refused (a 4xx: a bad id, a
 * missing row, a filter it rejects): asking again gives the same answer, only later.
 */
export function retryUnlessRefused(failures: number, error: Error): boolean {
  const status = (error as { status?: unknown }).status;
  return failures < 3 && !(typeof status === "number" && status >= 400 && status < 500);
}

/**
 * A list's query, started while the list renders instead of once the whole page has
 * committed (on a cold page load that render is a few hundred milliseconds of antd); a new
 * page or filter keeps the previous rows on screen until its own arrive.
 */
export function useListQuery<T>(options: { queryKey: QueryKey; queryFn: () => Promise<T> }) {
  // Fresh for a few seconds, so the page mounting right after its prefetch does not ask
  // again; changes still arrive at once, as Realtime invalidates the lists.
  const query = { ...options, staleTime: 5_000, retry: retryUnlessRefused };
  usePrefetchQuery(query);
  return useQuery({ ...query, placeholderData: keepPreviousData });
}
