import { List } from "@refinedev/antd";
import { Typography } from "antd";
import { useSearchParams } from "react-router";
import { EnrollmentHistory } from "../../components/enrollment-history.tsx";
import { ExecutionLogs } from "../../components/execution-logs.tsx";
import { ExecutionStatsCards } from "../../components/execution-stats.tsx";
import { enrollmentFiltersFromUrl } from "../../filters/url-filters.ts";

/** Executions across all flows, with the same filters as a flow's Enrollment History. */
export function ExecutionList() {
  const [params] = useSearchParams();
  // The cards are counts per status: they follow the flow picked in the filters, not the rest.
  const { flowId } = enrollmentFiltersFromUrl(params);
  return (
    <List title="Executions">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {flowId ? "Every execution of the chosen flow" : "Every execution"}, by status (the other filters apply to the
        list below)
      </Typography.Paragraph>
      <ExecutionStatsCards flowId={flowId} />
      <div style={{ height: 16 }} />
      <EnrollmentHistory />
    </List>
  );
}

/** Execution Logs across all flows. */
export function ExecutionLogList() {
  return (
    <List title="Execution Logs">
      <ExecutionLogs />
    </List>
  );
}
