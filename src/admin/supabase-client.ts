import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { LOCAL_ANON_KEY, LOCAL_API_URL } from "../config/local-supabase.ts";
import type { Database } from "../domain/database.types.ts";

export type AdminSupabaseClient = SupabaseClient<Database>;

/**
 * The browser's Supabase client. Without configuration it talks to the local stack
 * (`npm start`), with the Supabase CLI's well-known local URL and anon key.
 */
export function createAdminSupabaseClient(
  url: string = import.meta.env.VITE_SUPABASE_URL ?? LOCAL_API_URL,
  anonKey: string = import.meta.env.VITE_SUPABASE_ANON_KEY ?? LOCAL_ANON_KEY,
): AdminSupabaseClient {
  return createClient<Database>(url, anonKey, {
    auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: false },
  });
}
