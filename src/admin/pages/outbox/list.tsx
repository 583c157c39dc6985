import { List } from "@refinedev/antd";
import { type CrudFilter, keys } from "@refinedev/core";
import { Button, Select, Space, Table, Typography } from "antd";
import { Link, useSearchParams } from "react-router";
import type { Tables } from "../../../domain/database.types.ts";
import { OUTBOX_CHANNEL_LABELS, type OutboxChannel } from "../../../domain/labels.ts";
import { DateTime } from "../../components/date-time.tsx";
import { ListError } from "../../components/list-error.tsx";
import { ONE_LINE } from "../../components/one-line.ts";
import { OutboxChannelTag } from "../../components/outbox-channel-tag.tsx";
import { SearchBox } from "../../components/search-box.tsx";
import { containsLiterally } from "../../filters/literal-search.ts";
import { useLiveRefetch } from "../../live.ts";
import { FLOW_ADMIN_DATA_PROVIDER } from "../../resources.ts";
import { useUrlList } from "../../url-list.ts";

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

  useLiveRefetch(RESOURCE, undefined, LIST_QUERY_KEY);
  const { tableProps, error, retry, sortable } = useUrlList<OutboxRow, "created_at">({
    resource: RESOURCE,
    dataProviderName: FLOW_ADMIN_DATA_PROVIDER,
    select: "id, channel, recipient, subject, body, created_at, execution_id",
    filters: outboxFilters(channel, search),
    sortable: { created_at: "desc" },
    defaultSort: "created_at",
    pageSize: PAGE_SIZE,
    noun: "message",
    empty: channel || search ? "No messages match the filters" : "No messages captured",
    failed: "Could not load the outbox",
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
        <SearchBox
          term={search}
          onSearch={(term) => setParam("q", term || undefined)}
          label="Search recipient"
          style={{ width: 280 }}
        />
      </Space>
      <ListError what="the outbox" error={error} onRetry={retry} />
      <Table<OutboxRow>
        {...tableProps}
        size="middle"
        expandable={{
          expandedRowRender: (row) => (
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{row.body}</Typography.Paragraph>
          ),
          rowExpandable: (row) => row.body.length > 0,
        }}
        // The message takes what the other columns leave; below 960 px the table scrolls.
        tableLayout="fixed"
        scroll={{ x: 960 }}
      >
        <Table.Column<OutboxRow>
          title="Channel"
          dataIndex="channel"
          width={110}
          render={(value: string) => <OutboxChannelTag channel={value} />}
        />
        <Table.Column<OutboxRow> title="Recipient" dataIndex="recipient" width={220} ellipsis />
        <Table.Column<OutboxRow>
          title="Message"
          key="message"
          render={(_, row) => (
            <div>
              {row.subject ? <Typography.Text strong>{row.subject}</Typography.Text> : null}
              <Typography.Text type="secondary" title={row.body} style={ONE_LINE}>
                {row.body || "—"}
              </Typography.Text>
            </div>
          )}
        />
        <Table.Column<OutboxRow>
          title="Sent at"
          dataIndex="created_at"
          {...sortable("created_at")}
          width={132}
          render={(value: string) => <DateTime value={value} stacked />}
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
