import { Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { Tables } from "../../domain/database.types.ts";
import { CONTACT_LABELS } from "../../domain/labels.ts";
import { contactSearchFilters } from "../filters/contact-search.ts";
import { patchParams } from "../filters/url-pagination.ts";
import { useUrlList } from "../url-list.ts";
import { useListWorkspace } from "../workspaces.ts";
import { DateTime } from "./date-time.tsx";
import { ListError } from "./list-error.tsx";
import { RecordLink } from "./record-link.tsx";
import { SearchBox } from "./search-box.tsx";
import { SendFlowButton } from "./send-flow-button.tsx";

type ContactRow = Pick<Tables<"contacts">, "id" | "workspace_id" | "name" | "email" | "phone" | "tags" | "created_at">;

const PAGE_SIZE = 25;

/** Contacts with a name/email search and the page kept in the URL; selected ones can be sent a flow. */
export function ContactsTable() {
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const [selected, setSelected] = useState<ContactRow[]>([]);
  const workspace = useListWorkspace(undefined);
  const { tableProps, error, retry, sortable } = useUrlList<ContactRow, "created_at" | "name">({
    resource: "contacts",
    select: "id, workspace_id, name, email, phone, tags, created_at",
    filters: [
      ...(workspace.workspaceId
        ? [{ field: "workspace_id", operator: "eq", value: workspace.workspaceId } as const]
        : []),
      ...contactSearchFilters(search),
    ],
    enabled: workspace.ready,
    sortable: { created_at: "desc", name: "asc" },
    defaultSort: "created_at",
    pageSize: PAGE_SIZE,
    noun: "contact",
    empty: CONTACT_LABELS.empty,
    failed: "Could not load contacts",
  });

  const onSearch = (term: string) => patchParams(setParams, { page: undefined, q: term || undefined });

  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }} wrap>
        <SearchBox term={search} onSearch={onSearch} label={CONTACT_LABELS.search} style={{ width: 300 }} />
        <Space>
          <Typography.Text type="secondary">{selected.length} selected</Typography.Text>
          <SendFlowButton contacts={selected} onSent={() => setSelected([])} />
        </Space>
      </Space>
      <ListError what="the contacts" error={error} onRetry={retry} />
      <Table<ContactRow>
        {...tableProps}
        rowSelection={{
          preserveSelectedRowKeys: true,
          selectedRowKeys: selected.map((c) => c.id),
          onChange: (_, rows) => setSelected(rows.filter(Boolean)),
        }}
      >
        <Table.Column<ContactRow>
          dataIndex="name"
          title="Name"
          {...sortable("name")}
          render={(name: string, contact) => <RecordLink to={`/contacts/${contact.id}`}>{name || "—"}</RecordLink>}
        />
        <Table.Column<ContactRow> dataIndex="email" title="Email" render={(email: string | null) => email ?? "—"} />
        <Table.Column<ContactRow> dataIndex="phone" title="Phone" render={(phone: string | null) => phone ?? "—"} />
        <Table.Column<ContactRow>
          dataIndex="tags"
          title="Tags"
          render={(tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>)}
        />
        <Table.Column<ContactRow>
          dataIndex="created_at"
          title="Created"
          {...sortable("created_at")}
          render={(value: string) => <DateTime value={value} />}
        />
      </Table>
    </>
  );
}
