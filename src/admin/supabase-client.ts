import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { LOCAL_ANON_KEY, LOCAL_API_URL } from "../config/local-supabase.ts";
import type { Database } from "../domain/database.types.ts";

export type AdminSupabaseClient = SupabaseClient<Database>;

/**
 * The browser's Supabase client. Without configuration it talks to the local stack
 * (`npm start`), with the Supabase CLI's well-known local URL and anon key.
 */
export const SUPABASE_URL: string = import.meta.env.VITE_SUPABASE_URL ?? LOCAL_API_URL;
export const SUPABASE_ANON_KEY: string = import.meta.env.VITE_SUPABASE_ANON_KEY ?? LOCAL_ANON_KEY;

export function createAdminSupabaseClient(
  url: string = SUPABASE_URL,
  anonKey: string = SUPABASE_ANON_KEY,
): AdminSupabaseClient {
  return createClient<Database>(url, anonKey, {
    auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: false },
  });
}
