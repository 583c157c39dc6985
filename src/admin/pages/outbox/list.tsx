import { List } from "@refinedev/antd";
import { type CrudFilter, keys, useList } from "@refinedev/core";
import { keepPreviousData } from "@tanstack/react-query";
import { Alert, Button, Input, Select, Space, Table, Typography } from "antd";
import { Link, useSearchParams } from "react-router";
import type { Tables } from "../../../domain/database.types.ts";
import { OUTBOX_CHANNEL_LABELS, type OutboxChannel } from "../../../domain/labels.ts";
import { DateTime } from "../../components/date-time.tsx";
import { OutboxChannelTag } from "../../components/outbox-channel-tag.tsx";
import { containsLiterally } from "../../filters/literal-search.ts";
import { pageFromUrl } from "../../filters/url-filters.ts";
import { urlPagination } from "../../filters/url-pagination.ts";
import { useLiveRefetch } from "../../live.ts";
import { FLOW_ADMIN_DATA_PROVIDER } from "../../resources.ts";

type OutboxRow = Pick<
  Tables<"outbox_messages">,
  "id" | "channel" | "recipient" | "subject" | "body" | "created_at" | "execution_id"
>;

const PAGE_SIZE = 25;
const RESOURCE = "outbox_messages";
const LIST_QUERY_KEY = keys().data(FLOW_ADMIN_DATA_PROVIDER).resource(RESOURCE).action("list").get();

function channelFromUrl(params: URLSearchParams): OutboxChannel | undefined {
  const channel = params.get("channel");
  return channel && channel in OUTBOX_CHANNEL_LABELS ? (channel as OutboxChannel) : undefined;
}

function outboxFilters(channel: OutboxChannel | undefined, search: string): CrudFilter[] {
  return [
    ...(channel ? [{ field: "channel", operator: "eq" as const, value: channel }] : []),
    ...(search ? [containsLiterally("recipient", search)] : []),
  ];
}

/** The messages the local outbox captured instead of sending them, newest first. */
export function OutboxList() {
  const [params, setParams] = useSearchParams();
  const channel = channelFromUrl(params);
  const search = params.get("q") ?? "";
  const page = pageFromUrl(params);

  useLiveRefetch(RESOURCE, undefined, LIST_QUERY_KEY);
  const { query, result } = useList<OutboxRow>({
    resource: RESOURCE,
    dataProviderName: FLOW_ADMIN_DATA_PROVIDER,
    meta: { select: "id, channel, recipient, subject, body, created_at, execution_id" },
    filters: outboxFilters(channel, search),
    sorters: [{ field: "created_at", order: "desc" }],
    pagination: { currentPage: page, pageSize: PAGE_SIZE },
    queryOptions: { placeholderData: keepPreviousData },
  });

  const setParam = (key: "channel" | "q", value: string | undefined) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      next.delete("page");
      return next;
    });

  return (
    <List title="Outbox">
      <Typography.Paragraph type="secondary">
        Emails and SMS captured instead of sent, because no email or SMS provider is configured.
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="Any channel"
          value={channel}
          onChange={(value?: OutboxChannel) => setParam("channel", value)}
          options={Object.entries(OUTBOX_CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
          style={{ width: 160 }}
          aria-label="Channel"
        />
        <Input.Search
          allowClear
          placeholder="Search recipient"
          defaultValue={search}
          onSearch={(value) => setParam("q", value.trim() || undefined)}
          style={{ width: 280 }}
          aria-label="Search recipient"
        />
      </Space>
      {query.error ? (
        <Alert type="error" showIcon message="Could not load the outbox" description={query.error.message} />
      ) : null}
      <Table<OutboxRow>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={result.data}
        locale={{ emptyText: query.isLoading ? "Loading…" : "No messages captured" }}
        pagination={urlPagination(page, PAGE_SIZE, result.total ?? 0, "message", setParams)}
        expandable={{
          expandedRowRender: (row) => (
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{row.body}</Typography.Paragraph>
          ),
          rowExpandable: (row) => row.body.length > 0,
        }}
        tableLayout="fixed"
        scroll={{ x: 1100 }}
      >
        <Table.Column<OutboxRow>
          title="Channel"
          dataIndex="channel"
          width={110}
          render={(value: string) => <OutboxChannelTag channel={value} />}
        />
        <Table.Column<OutboxRow> title="Recipient" dataIndex="recipient" width={240} ellipsis />
        <Table.Column<OutboxRow>
          title="Message"
          key="message"
          render={(_, row) => (
            <div>
              {row.subject ? <Typography.Text strong>{row.subject}</Typography.Text> : null}
              <Typography.Text type="secondary" ellipsis style={{ display: "block" }}>
                {row.body || "—"}
              </Typography.Text>
            </div>
          )}
        />
        <Table.Column<OutboxRow>
          title="Sent at"
          dataIndex="created_at"
          width={240}
          render={(value: string) => <DateTime value={value} />}
        />
        <Table.Column<OutboxRow>
          title=""
          key="execution"
          width={150}
          render={(_, row) => (
            <Link to={`/executions/${row.execution_id}`}>
              <Button size="small">View execution</Button>
            </Link>
          )}
        />
      </Table>
    </List>
  );
}
