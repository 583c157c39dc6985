import { List } from "@refinedev/antd";
import { Table, Typography } from "antd";
import type { Tables } from "../../../domain/database.types.ts";
import { DateTime } from "../../components/date-time.tsx";
import { FlowStatusTag } from "../../components/flow-status-tag.tsx";
import { ListError } from "../../components/list-error.tsx";
import { ONE_LINE } from "../../components/one-line.ts";
import { RecordLink } from "../../components/record-link.tsx";
import { useUrlList } from "../../url-list.ts";

type FlowRow = Pick<Tables<"flows">, "id" | "name" | "description" | "status" | "updated_at">;

export function FlowList() {
  const { tableProps, error, retry, sortable } = useUrlList<FlowRow, "updated_at" | "name">({
    resource: "flows",
    select: "id, name, description, status, updated_at",
    sortable: { updated_at: "desc", name: "asc" },
    defaultSort: "updated_at",
    pageSize: 20,
    noun: "flow",
    empty: "No flows yet",
    failed: "Could not load flows",
  });

  return (
    <List title="Flows">
      <ListError what="the flows" error={error} onRetry={retry} />
      <Table<FlowRow> {...tableProps}>
        <Table.Column<FlowRow>
          dataIndex="name"
          title="Name"
          {...sortable("name")}
          render={(name: string, flow) => (
            <div>
              <RecordLink to={`/flows/${flow.id}`}>{name}</RecordLink>
              {flow.description ? (
                <Typography.Paragraph type="secondary" title={flow.description} style={{ ...ONE_LINE, margin: 0 }}>
                  {flow.description}
                </Typography.Paragraph>
              ) : null}
            </div>
          )}
        />
        <Table.Column<FlowRow>
          dataIndex="status"
          title="Status"
          width={120}
          render={(status: string) => <FlowStatusTag status={status} />}
        />
        <Table.Column<FlowRow>
          dataIndex="updated_at"
          title="Updated"
          width={220}
          {...sortable("updated_at")}
          render={(value: string) => <DateTime value={value} />}
        />
      </Table>
    </List>
  );
}
