import { List, useTable } from "@refinedev/antd";
import { Table, Typography } from "antd";
import { Link } from "react-router";
import type { Tables } from "../../../domain/database.types.ts";
import { DateTime } from "../../components/date-time.tsx";
import { FlowStatusTag } from "../../components/flow-status-tag.tsx";
import { ListError } from "../../components/list-error.tsx";

type FlowRow = Pick<Tables<"flows">, "id" | "name" | "description" | "status" | "updated_at">;

export function FlowList() {
  const { tableProps, tableQuery } = useTable<FlowRow>({
    resource: "flows",
    meta: { select: "id, name, description, status, updated_at" },
    sorters: { initial: [{ field: "updated_at", order: "desc" }] },
    syncWithLocation: true,
  });

  return (
    <List title="Flows">
      <ListError what="the flows" error={tableQuery.error} />
      <Table
        {...tableProps}
        rowKey="id"
        locale={{ emptyText: tableQuery.error ? "Could not load flows" : "No flows yet" }}
      >
        <Table.Column<FlowRow>
          dataIndex="name"
          title="Name"
          sorter
          render={(name: string, flow) => (
            <div>
              <Link to={`/flows/${flow.id}`}>
                <Typography.Text strong>{name}</Typography.Text>
              </Link>
              {flow.description ? (
                <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis>
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
          sorter
          render={(value: string) => <DateTime value={value} />}
        />
      </Table>
    </List>
  );
}
