import { Alert } from "antd";
import { NotFound } from "./not-found.tsx";

/** What a record's page shows instead of the record: that it does not exist, or why it could not be read. */
export function RecordUnavailable({
  noun,
  missing,
  error,
  back,
}: {
  noun: string;
  missing: boolean;
  error: { message: string } | null;
  back: { to: string; label: string };
}) {
  if (missing) return <NotFound description={`This ${noun} does not exist`} back={back} />;
  return <Alert type="error" showIcon message={`Could not load this ${noun}`} description={error?.message} />;
}
