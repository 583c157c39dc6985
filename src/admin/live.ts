import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useState, useSyncExternalStore } from "react";
import { useFlowAdmin } from "./context.tsx";

/**
 * Refetches a query when rows of `table` change (Supabase Realtime, RLS-filtered by the
 * server). Changes are coalesced over `settleMs`, so an engine updating executions many
 * times a second costs one refetch, not one per change. Each hook has its own channel:
 * two views of one table never share (and so never break) a subscription.
 *
 * The channel opens `startAfterMs` after the query's first result, when the page around it has
 * shown too, so Realtime (which the production build loads on demand) does not compete with a
 * page's first rows; the query refetches once the channel is subscribed, and again whenever it
 * rejoins, so no change made meanwhile is missed.
 */
export function useLiveRefetch(
  table: string,
  filter: string | undefined,
  queryKey: QueryKey,
  { settleMs = 500, startAfterMs = 1000 }: { settleMs?: number; startAfterMs?: number } = {},
): void {
  const { supabase } = useFlowAdmin();
  const queryClient = useQueryClient();
  const channelId = useId();
  const key = JSON.stringify(queryKey);
  const started = useStartAfterFirstResult(queryKey, startAfterMs);

  useEffect(() => {
    if (!started) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refetchSoon = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: JSON.parse(key) as QueryKey });
      }, settleMs);
    };
    const channel = supabase
      .channel(`flow-admin:${table}:${channelId}`)
      .on("postgres_changes", { event: "*", schema: "public", table, ...(filter ? { filter } : {}) }, refetchSoon)
      .subscribe((status) => {
        if (status === "SUBSCRIBED") refetchSoon();
      });
    return () => {
      if (timer) clearTimeout(timer);
      void supabase.removeChannel(channel);
    };
  }, [started, supabase, queryClient, table, filter, key, channelId, settleMs]);
}

/** Whether `delayMs` have passed since a query under `queryKey` first finished (with data or an error). */
function useStartAfterFirstResult(queryKey: QueryKey, delayMs: number): boolean {
  const cache = useQueryClient().getQueryCache();
  const key = JSON.stringify(queryKey);
  const hasResult = useCallback(
    () =>
      cache
        .findAll({ queryKey: JSON.parse(key) as QueryKey })
        .some((query) => query.state.dataUpdatedAt > 0 || query.state.errorUpdatedAt > 0),
    [cache, key],
  );
  const shown = useSyncExternalStore(
    useCallback((onChange) => cache.subscribe(onChange), [cache]),
    hasResult,
  );
  const [started, setStarted] = useState(false);
  useEffect(() => {
    if (!shown || started) return;
    const timer = setTimeout(() => setStarted(true), delayMs);
    return () => clearTimeout(timer);
  }, [shown, started, delayMs]);
  return started;
}
