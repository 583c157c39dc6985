import { useQuery } from "@tanstack/react-query";
import { Card, Col, Row, Statistic } from "antd";
import { EXECUTION_STATUS_LABELS } from "../../domain/labels.ts";
import { EXECUTION_STATUSES } from "../../domain/statuses.ts";
import { useExecutionService } from "../execution-service.ts";
import { NO_RETRY_ON_TOP } from "../list-query.ts";
import { useLiveRefetch } from "../live.ts";
import { ReadError } from "./list-error.tsx";

/** Totals per status for a flow (or all flows), from execution_stats() in one round trip. */
export function ExecutionStatsCards({ flowId }: { flowId?: string }) {
  const service = useExecutionService();
  useLiveRefetch("flow_executions", flowId ? `flow_id=eq.${flowId}` : undefined, ["flow-admin", "stats"]);
  const query = useQuery({
    queryKey: ["flow-admin", "stats", flowId ?? null],
    queryFn: () => service.getExecutionStats(flowId ?? null, null),
    retry: NO_RETRY_ON_TOP,
  });
  if (query.error)
    return <ReadError message="Could not load the statistics" error={query.error} onRetry={query.refetch} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={4}>
        <Card>
          <Statistic title="Total" value={query.data?.total ?? 0} loading={query.isLoading} />
        </Card>
      </Col>
      {EXECUTION_STATUSES.map((status) => (
        <Col xs={12} md={4} key={status}>
          <Card>
            <Statistic
              title={EXECUTION_STATUS_LABELS[status]}
              value={query.data?.[status] ?? 0}
              loading={query.isLoading}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
