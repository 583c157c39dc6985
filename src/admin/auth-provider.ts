import type { AuthProvider } from "@refinedev/core";
import type { AdminSupabaseClient } from "./supabase-client.ts";

/** Refine's auth contract on Supabase Auth (password sign-in). */
export function createAuthProvider(supabase: AdminSupabaseClient): AuthProvider {
  return {
    async login({ email, password }: { email: string; password: string }) {
      const { error } = await supabase.auth.signInWithPassword({ email, password });
      if (error) return { success: false, error: { name: "Sign-in failed", message: error.message } };
      return { success: true, redirectTo: "/" };
    },
    async logout() {
      const { error } = await supabase.auth.signOut();
      if (error) return { success: false, error: { name: "Sign-out failed", message: error.message } };
      return { success: true, redirectTo: "/login" };
    },
    async check() {
      const { data } = await supabase.auth.getSession();
      return data.session ? { authenticated: true } : { authenticated: false, redirectTo: "/login", logout: true };
    },
    async getIdentity() {
      const { data } = await supabase.auth.getUser();
      if (!data.user) return null;
      const name = (data.user.user_metadata?.name as string | undefined) ?? data.user.email;
      return { id: data.user.id, name, email: data.user.email };
    },
    async onError(error: Error & { statusCode?: number; code?: string }) {
      // PostgREST answers 401 with PGRST301 when the JWT is invalid or expired.
      if (error?.statusCode === 401 || error?.code === "PGRST301") return { logout: true, redirectTo: "/login", error };
      return { error };
    },
  };
}
