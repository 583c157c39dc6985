/**
 * Stands in for auth-js's GoTrueAdminApi where GoTrueClient constructs `supabase.auth.admin`
 * (vite/narrow-imports.ts): the admin API takes the service-role key, which never belongs in a
 * browser, so the real one (about 2.5 KB gzipped) would only weigh on every page. Any call says so.
 */
const NOT_BUNDLED = "supabase.auth.admin needs the service-role key and is not bundled with the browser admin";

export default class GoTrueAdminApi {
  constructor() {
    // biome-ignore lint/correctness/noConstructorReturn: every member, whatever its name, refuses.
    return new Proxy(this, {
      get: (_target, member) =>
        typeof member === "string" && member !== "then"
          ? () => {
              throw new Error(NOT_BUNDLED);
            }
          : undefined,
    });
  }
}
