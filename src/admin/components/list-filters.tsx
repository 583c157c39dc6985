import { Select, Space } from "antd";
import type { EnrollmentFilters, LogFilters, TestRunChoice } from "../../domain/execution-filters.ts";
import { CONTACT_LABELS, EXECUTION_STATUS_LABELS, STEP_STATUS_LABELS, TEST_RUN_LABELS } from "../../domain/labels.ts";
import { ACTION_LABELS } from "../../domain/node-types.ts";
import { DateRangeFilter } from "./date-range-filter.tsx";
import { FlowFilter } from "./flow-filter.tsx";
import { SearchBox } from "./search-box.tsx";

type Props = (
  | { kind: "enrollments"; filters: EnrollmentFilters; onChange: (filters: EnrollmentFilters) => void }
  | { kind: "logs"; filters: LogFilters; onChange: (filters: LogFilters) => void }
) & {
  /** The all-flows views filter by flow too. */
  withFlow?: boolean;
};

/**
 * The filter panel of both lists: contact search, status, date range, test runs; action type
 * for logs; flow in the all-flows views.
 */
export function ListFilters(props: Props) {
  const { filters } = props;
  const change = (patch: Partial<EnrollmentFilters & LogFilters>) =>
    (props.onChange as (f: EnrollmentFilters | LogFilters) => void)({ ...filters, ...patch } as EnrollmentFilters);
  const statusLabels = props.kind === "enrollments" ? EXECUTION_STATUS_LABELS : STEP_STATUS_LABELS;

  // Widths sum so that the Executions page's five filters fit one row in a 1280 px window.
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <SearchBox
        term={filters.search ?? ""}
        onSearch={(search) => change({ search: search || undefined })}
        label="Search contacts"
        placeholder={CONTACT_LABELS.search}
        style={{ width: 220 }}
      />
      {props.withFlow ? <FlowFilter value={filters.flowId} onChange={(flowId) => change({ flowId })} /> : null}
      <Select
        mode="multiple"
        allowClear
        placeholder="Any status"
        value={filters.status ?? []}
        onChange={(status: string[]) => change({ status: status.length ? (status as never) : undefined })}
        options={Object.entries(statusLabels).map(([value, label]) => ({ value, label }))}
        style={{ minWidth: 160 }}
        aria-label="Status"
      />
      {props.kind === "logs" ? (
        <Select
          mode="multiple"
          allowClear
          placeholder="Any action"
          value={props.filters.actionType ?? []}
          onChange={(actionType: string[]) => change({ actionType: actionType.length ? actionType : undefined })}
          options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))}
          style={{ minWidth: 160 }}
          aria-label="Action"
        />
      ) : null}
      <DateRangeFilter from={filters.from} to={filters.to} onChange={(range) => change(range)} />
      <Select
        value={filters.testRuns ?? "include"}
        onChange={(testRuns: TestRunChoice) => change({ testRuns })}
        options={Object.entries(TEST_RUN_LABELS).map(([value, label]) => ({ value, label }))}
        style={{ width: 170 }}
        aria-label="Test runs"
      />
    </Space>
  );
}
