import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId } from "react";
import { useFlowAdmin } from "./context.tsx";

/**
 * Refetches a query when rows of `table` change (Supabase Realtime, RLS-filtered by the
 * server). Changes are coalesced over `settleMs`, so an engine updating executions many
 * times a second costs one refetch, not one per change. Each hook has its own channel:
 * two views of one table never share (and so never break) a subscription.
 */
export function useLiveRefetch(table: string, filter: string | undefined, queryKey: QueryKey, settleMs = 500): void {
  const { supabase } = useFlowAdmin();
  const queryClient = useQueryClient();
  const channelId = useId();
  const key = JSON.stringify(queryKey);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const channel = supabase
      .channel(`flow-admin:${table}:${channelId}`)
      .on("postgres_changes", { event: "*", schema: "public", table, ...(filter ? { filter } : {}) }, () => {
        timer ??= setTimeout(() => {
          timer = undefined;
          void queryClient.invalidateQueries({ queryKey: JSON.parse(key) as QueryKey });
        }, settleMs);
      })
      .subscribe();
    return () => {
      if (timer) clearTimeout(timer);
      void supabase.removeChannel(channel);
    };
  }, [supabase, queryClient, table, filter, key, channelId, settleMs]);
}
