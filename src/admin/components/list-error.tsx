import { Alert, Button } from "antd";
import type { CSSProperties } from "react";

/** A list's text when it shows no rows: still loading, its read failed, or nothing matches. */
export function emptyText(read: { loading: boolean; failed: boolean }, texts: { failed: string; empty: string }) {
  return read.loading ? "Loading…" : read.failed ? texts.failed : texts.empty;
}

/** A failed read: what could not be loaded, why, and Retry (a passing outage ends). */
export function ReadError({
  message,
  error,
  onRetry,
  style,
}: {
  message: string;
  error: { message: string } | null | undefined;
  onRetry: () => unknown;
  style?: CSSProperties;
}) {
  return (
    <Alert
      type="error"
      showIcon
      message={message}
      description={error?.message}
      action={
        <Button size="small" onClick={() => onRetry()}>
          Retry
        </Button>
      }
      style={style}
    />
  );
}

const ABOVE_TABLE = { marginBottom: 12 } as const;

/** Why a list shows no rows when its read failed: above the table, so it is not taken for "none". */
export function ListError({
  what,
  error,
  onRetry,
}: {
  what: string;
  error: { message: string } | null | undefined;
  onRetry: () => unknown;
}) {
  if (!error) return null;
  return <ReadError message={`Could not load ${what}`} error={error} onRetry={onRetry} style={ABOVE_TABLE} />;
}
