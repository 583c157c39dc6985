/**
 * Stands in for @supabase/storage-js, which supabase-js constructs for `supabase.storage`: the
 * admin stores no files, so the real client (about 10 KB gzipped) would only weigh on every page.
 */
const NOT_BUNDLED = "Supabase Storage is not bundled with the admin: remove its alias in vite.config.ts to use it";

export class StorageApiError extends Error {}

export class StorageClient {
  from(): never {
    throw new Error(NOT_BUNDLED);
  }
  listBuckets(): never {
    throw new Error(NOT_BUNDLED);
  }
}
