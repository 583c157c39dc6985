import { List } from "@refinedev/antd";
import { EnrollmentHistory } from "../../components/enrollment-history.tsx";
import { ExecutionLogs } from "../../components/execution-logs.tsx";
import { ExecutionStatsCards } from "../../components/execution-stats.tsx";

/** Executions across all flows, with the same filters as a flow's Enrollment History. */
export function ExecutionList() {
  return (
    <List title="Executions">
      <ExecutionStatsCards />
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
