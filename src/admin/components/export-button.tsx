import { DownloadOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useState } from "react";
import type { EnrollmentFilters, ListKind, LogFilters } from "../../domain/execution-filters.ts";
import { useFlowAdmin } from "../context.tsx";
import { downloadExport } from "../functions.ts";

/** Export CSV of exactly what is filtered, through export-executions, with a running row count. */
export function ExportButton({
  kind,
  flowId,
  filters,
}: {
  kind: ListKind;
  flowId?: string;
  filters: EnrollmentFilters | LogFilters;
}) {
  const admin = useFlowAdmin();
  const { message } = App.useApp();
  const [rows, setRows] = useState<number | null>(null);

  const start = async () => {
    setRows(0);
    try {
      const total = await downloadExport(admin, { kind, ...(flowId ? { flowId } : {}), filters }, setRows);
      if (total === 0) message.warning("No rows match these filters: the file holds only the header row");
      else message.success(`Exported ${total.toLocaleString()} row${total === 1 ? "" : "s"}`);
    } catch (error) {
      message.error(`Export failed: ${(error as Error).message}`);
    } finally {
      setRows(null);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={rows !== null} onClick={start}>
      {rows === null ? "Export CSV" : `Exporting… ${rows.toLocaleString()} rows`}
    </Button>
  );
}
