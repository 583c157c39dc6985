import { Alert } from "antd";

/** A list's text when it shows no rows: still loading, its read failed, or nothing matches. */
export function emptyText(read: { loading: boolean; failed: boolean }, texts: { failed: string; empty: string }) {
  return read.loading ? "Loading…" : read.failed ? texts.failed : texts.empty;
}

/** Why a list shows no rows when its read failed: above the table, so it is not taken for "none". */
export function ListError({ what, error }: { what: string; error: { message: string } | null | undefined }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      message={`Could not load ${what}`}
      description={error.message}
      style={{ marginBottom: 12 }}
    />
  );
}
