import { Space } from "antd";
import { Link } from "react-router";
import { ReadError } from "../components/list-error.tsx";
import { NotFound } from "./not-found.tsx";

/**
 * What a record's page shows instead of the record: that it does not exist, or why it could
 * not be read, with Retry and the way back to its list.
 */
export function RecordUnavailable({
  noun,
  missing,
  error,
  back,
  onRetry,
}: {
  noun: string;
  missing: boolean;
  error: { message: string } | null;
  back: { to: string; label: string };
  onRetry: () => unknown;
}) {
  if (missing) return <NotFound description={`This ${noun} does not exist`} back={back} />;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <ReadError message={`Could not load this ${noun}`} error={error} onRetry={onRetry} />
      <Link to={back.to}>{back.label}</Link>
    </Space>
  );
}
