import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { AdminSupabaseClient } from "./supabase-client.ts";

interface FlowAdmin {
  supabase: AdminSupabaseClient;
  /** The Supabase API URL and anon key the client was made with (functions are called at `${apiUrl}/functions/v1`). */
  apiUrl: string;
  anonKey: string;
}

const FlowAdminContext = createContext<FlowAdmin | null>(null);

/** Gives the plugin's pages the host app's Supabase client. */
export function FlowAdminProvider({
  supabase,
  apiUrl,
  anonKey,
  children,
}: {
  supabase: AdminSupabaseClient;
  apiUrl: string;
  anonKey: string;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ supabase, apiUrl, anonKey }), [supabase, apiUrl, anonKey]);
  return <FlowAdminContext.Provider value={value}>{children}</FlowAdminContext.Provider>;
}

export function useFlowAdmin(): FlowAdmin {
  const admin = useContext(FlowAdminContext);
  if (!admin) throw new Error("Wrap the flow admin's pages in <FlowAdminProvider supabase={…}>");
  return admin;
}
