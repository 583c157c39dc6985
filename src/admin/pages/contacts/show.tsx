import { Show } from "@refinedev/antd";
import { useShow } from "@refinedev/core";
import { Alert, Card, Descriptions, Tag, Typography } from "antd";
import { useParams } from "react-router";
import type { Tables } from "../../../domain/database.types.ts";
import { ContactTimeline } from "../../components/contact-timeline.tsx";
import { DateTime } from "../../components/date-time.tsx";
import { RecordBreadcrumb } from "../../components/record-breadcrumb.tsx";
import { SendFlowButton } from "../../components/send-flow-button.tsx";
import { NO_RETRY_ON_TOP } from "../../list-query.ts";
import { isMissingRecord, UUID } from "../../missing-record.ts";
import { NotFound } from "../not-found.tsx";

/** A contact, and one timeline of everything it went through, across all flows. */
export function ContactShow() {
  const { id = "" } = useParams();
  const { query } = useShow<Tables<"contacts">>({
    resource: "contacts",
    id,
    // A missing contact gets its own page below, not an error toast.
    errorNotification: false,
    queryOptions: { enabled: UUID.test(id ?? ""), retry: NO_RETRY_ON_TOP },
  });
  const contact = query.data?.data;
  const attributes = Object.entries((contact?.attributes ?? {}) as Record<string, unknown>);

  // Refine's Supabase provider answers a missing row with no data rather than an error.
  if (!UUID.test(id ?? "") || (query.isSuccess && !contact) || isMissingRecord(query.error))
    return <NotFound description="This contact does not exist" back={{ to: "/contacts", label: "All contacts" }} />;

  if (query.error)
    return <Alert type="error" showIcon message="Could not load this contact" description={query.error.message} />;

  return (
    <Show
      title={contact?.name || "Contact"}
      breadcrumb={
        <RecordBreadcrumb list={{ to: "/contacts", label: "Contacts" }} name={contact?.name || contact?.email} />
      }
      isLoading={query.isLoading}
      canEdit={false}
      canDelete={false}
      headerButtons={contact ? <SendFlowButton contacts={[contact]} /> : null}
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 24 }}>
        <Descriptions.Item label="Email">{contact?.email ?? "—"}</Descriptions.Item>
        <Descriptions.Item label="Phone">{contact?.phone ?? "—"}</Descriptions.Item>
        <Descriptions.Item label="Tags">
          {contact?.tags.length ? contact.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : "—"}
        </Descriptions.Item>
        <Descriptions.Item label="Created">
          <DateTime value={contact?.created_at} />
        </Descriptions.Item>
        <Descriptions.Item label="Attributes" span={2}>
          {attributes.length
            ? attributes.map(([key, value]) => (
                <div key={key}>
                  <Typography.Text type="secondary">{key}:</Typography.Text>{" "}
                  {typeof value === "string" ? value : JSON.stringify(value)}
                </div>
              ))
            : "—"}
        </Descriptions.Item>
      </Descriptions>
      <Card title="Flows" size="small">
        <ContactTimeline contactId={id} />
      </Card>
    </Show>
  );
}
