import { Alert } from "antd";

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
