import { useTable } from "@refinedev/antd";
import { Input, Space, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { Tables } from "../../domain/database.types.ts";
import { CONTACT_LABELS } from "../../domain/labels.ts";
import { contactSearchFilter } from "../filters/contact-search.ts";
import { pageFromUrl } from "../filters/url-filters.ts";
import { urlPagination } from "../filters/url-pagination.ts";
import { DateTime } from "./date-time.tsx";
import { ListError } from "./list-error.tsx";
import { SendFlowButton } from "./send-flow-button.tsx";

type ContactRow = Pick<Tables<"contacts">, "id" | "workspace_id" | "name" | "email" | "phone" | "tags" | "created_at">;

const PAGE_SIZE = 25;

/** Contacts with a name/email search and the page kept in the URL; selected ones can be sent a flow. */
export function ContactsTable() {
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const page = pageFromUrl(params);
  const [selected, setSelected] = useState<ContactRow[]>([]);
  const { tableProps, tableQuery, result, setCurrentPage } = useTable<ContactRow>({
    resource: "contacts",
    meta: { select: "id, workspace_id, name, email, phone, tags, created_at" },
    filters: { permanent: [contactSearchFilter(search)] },
    sorters: { initial: [{ field: "created_at", order: "desc" }] },
    pagination: { currentPage: page, pageSize: PAGE_SIZE },
    // The URL is ours (`q`, `page`), shaped like the other lists', so Back and links work.
    syncWithLocation: false,
  });
  useEffect(() => setCurrentPage(page), [page, setCurrentPage]);

  const onSearch = (term: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.delete("page");
      if (term.trim()) next.set("q", term.trim());
      else next.delete("q");
      return next;
    });

  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }} wrap>
        <Input.Search
          // Remounted when the URL's term changes (Back), so the box shows what is searched.
          key={search}
          allowClear
          placeholder={CONTACT_LABELS.search}
          defaultValue={search}
          onSearch={onSearch}
          style={{ width: 300 }}
          aria-label={CONTACT_LABELS.search}
        />
        <Space>
          <Typography.Text type="secondary">{selected.length} selected</Typography.Text>
          <SendFlowButton contacts={selected} onSent={() => setSelected([])} />
        </Space>
      </Space>
      <ListError what="the contacts" error={tableQuery.error} />
      <Table<ContactRow>
        {...tableProps}
        rowKey="id"
        locale={{
          emptyText: tableProps.loading
            ? "Loading…"
            : tableQuery.error
              ? "Could not load contacts"
              : CONTACT_LABELS.empty,
        }}
        pagination={urlPagination(page, PAGE_SIZE, result.total ?? 0, "contact", setParams)}
        rowSelection={{
          preserveSelectedRowKeys: true,
          selectedRowKeys: selected.map((c) => c.id),
          onChange: (_, rows) => setSelected(rows.filter(Boolean)),
        }}
      >
        <Table.Column<ContactRow>
          dataIndex="name"
          title="Name"
          sorter
          render={(name: string, contact) => (
            <Link to={`/contacts/${contact.id}`}>
              <Typography.Text strong>{name || "—"}</Typography.Text>
            </Link>
          )}
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
          sorter
          render={(value: string) => <DateTime value={value} />}
        />
      </Table>
    </>
  );
}
