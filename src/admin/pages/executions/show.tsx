import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Collapse, Descriptions, Space, Tag, Timeline, Typography } from "antd";
import { Link, useParams } from "react-router";
import { EXECUTION_LABELS } from "../../../domain/labels.ts";
import { actionLabel } from "../../../domain/node-types.ts";
import { BulkActions, selectedExecution } from "../../components/bulk-actions.tsx";
import { DateTime } from "../../components/date-time.tsx";
import { ExecutionPathDiagram } from "../../components/flow-diagram-path.tsx";
import { RecordBreadcrumb } from "../../components/record-breadcrumb.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { ExecutionStatusTag, StepStatusTag } from "../../components/status-tags.tsx";
import { StepResultSummary } from "../../components/step-result.tsx";
import { useExecutionService } from "../../execution-service.ts";
import { NO_RETRY_ON_TOP } from "../../list-query.ts";
import { useLiveRefetch } from "../../live.ts";
import { UUID } from "../../missing-record.ts";
import { RecordUnavailable } from "../record-unavailable.tsx";

const STEP_COLORS: Record<string, string> = { success: "green", failed: "red", running: "blue", skipped: "gray" };

function duration(from: string | null, to: string | null): string {
  if (!from || !to) return "—";
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

/** One execution in full: who, which flow, how it went step by step, its retries; Retry and Cancel. */
export function ExecutionShow() {
  const { id = "" } = useParams();
  const service = useExecutionService();
  useLiveRefetch("flow_execution_steps", `execution_id=eq.${id}`, ["flow-admin", "execution", id]);
  useLiveRefetch("flow_executions", `id=eq.${id}`, ["flow-admin", "execution", id]);
  const query = useQuery({
    queryKey: ["flow-admin", "execution", id],
    queryFn: () => service.getExecutionDetails(id),
    enabled: UUID.test(id),
    retry: NO_RETRY_ON_TOP,
  });

  // A malformed id, or one the caller cannot see (RLS answers that as "no such row").
  const missing = !UUID.test(id) || (query.error as { status?: number } | null)?.status === 404;
  if (missing || query.error)
    return (
      <RecordUnavailable
        noun="execution"
        missing={missing}
        error={query.error}
        back={{ to: "/executions", label: "All executions" }}
        onRetry={query.refetch}
      />
    );
  const details = query.data;
  const e = details?.execution;
  const heading = e ? `${e.contact.name} in ${e.flowName ?? "a flow"}` : undefined;

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <RecordBreadcrumb list={{ to: "/executions", label: "Executions" }} name={heading} />
      <Card
        loading={query.isLoading}
        title={heading ?? "Execution"}
        extra={
          e ? <BulkActions selection={[selectedExecution(e)]} showCount={false} onDone={() => query.refetch()} /> : null
        }
      >
        {e ? (
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} bordered>
            <Descriptions.Item label="Contact">
              {e.contact.id ? <Link to={`/contacts/${e.contact.id}`}>{e.contact.name}</Link> : e.contact.name}{" "}
              <Typography.Text type="secondary">{e.contact.email}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="Flow">
              <Link to={`/flows/${e.flowId}`}>{e.flowName ?? e.flowId}</Link>
            </Descriptions.Item>
            <Descriptions.Item label="Status">
              <ExecutionStatusTag status={e.status} />
            </Descriptions.Item>
            <Descriptions.Item label="Enrollment reason">
              {e.reasonLabel} {e.isTest ? <Tag color="purple">Test run</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="Enrolled">
              <DateTime value={e.enrolledAt} />
            </Descriptions.Item>
            <Descriptions.Item label="Started">
              <DateTime value={e.startedAt} seconds />
            </Descriptions.Item>
            <Descriptions.Item label="Finished">
              <DateTime value={e.completedAt} seconds />
            </Descriptions.Item>
            <Descriptions.Item label="Duration">{duration(e.startedAt, e.completedAt)}</Descriptions.Item>
            <Descriptions.Item label="Next execution">
              <RelativeTime value={e.nextExecutionAt} />
            </Descriptions.Item>
            <Descriptions.Item label="Attempt">{e.attempt}</Descriptions.Item>
            <Descriptions.Item label={EXECUTION_LABELS.retryOf}>
              {details?.lineage.original ? (
                <Link to={`/executions/${details.lineage.original.id}`}>{details.lineage.original.id.slice(0, 8)}</Link>
              ) : (
                "—"
              )}
            </Descriptions.Item>
            <Descriptions.Item label={EXECUTION_LABELS.restartedAs}>
              {details?.lineage.retries.length
                ? details.lineage.retries.map((r) => (
                    <Link key={r.id} to={`/executions/${r.id}`} style={{ marginRight: 8 }}>
                      {r.id.slice(0, 8)}
                    </Link>
                  ))
                : "—"}
            </Descriptions.Item>
            <Descriptions.Item label="Trigger.dev run">{e.triggerRunId ?? "— (local runner)"}</Descriptions.Item>
          </Descriptions>
        ) : null}
        {e?.error ? (
          <Alert style={{ marginTop: 16 }} type="error" showIcon message="Failed" description={e.error} />
        ) : null}
      </Card>
      {details ? <ExecutionPathDiagram executionId={id} steps={details.steps} /> : null}
      <Card title="Steps" loading={query.isLoading}>
        {details && details.steps.length === 0 ? (
          <Typography.Text type="secondary">No steps yet</Typography.Text>
        ) : null}
        <Timeline
          items={details?.steps.map((step) => ({
            color: STEP_COLORS[step.status] ?? "gray",
            children: (
              <div>
                <Space wrap>
                  <Typography.Text strong>{actionLabel(step.node_type)}</Typography.Text>
                  <Typography.Text type="secondary">{step.node_id}</Typography.Text>
                  <StepStatusTag status={step.status} />
                  {step.attempt > 1 ? <Tag>{EXECUTION_LABELS.attempt(step.attempt)}</Tag> : null}
                  <DateTime value={step.started_at} seconds />
                  <Typography.Text type="secondary">{duration(step.started_at, step.completed_at)}</Typography.Text>
                </Space>
                {step.error ? <Alert style={{ marginTop: 8 }} type="error" message={step.error} /> : null}
                <StepResultSummary type={step.node_type} result={step.result} />
                {step.result ? (
                  <Collapse
                    size="small"
                    ghost
                    items={[
                      {
                        key: "raw",
                        label: "Raw result",
                        children: <pre style={{ margin: 0 }}>{JSON.stringify(step.result, null, 2)}</pre>,
                      },
                    ]}
                  />
                ) : null}
              </div>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
