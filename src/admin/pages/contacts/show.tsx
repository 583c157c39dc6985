import { Show } from "@refinedev/antd";
import { Card, Descriptions, Tag, Typography } from "antd";
import { useParams } from "react-router";
import type { Tables } from "../../../domain/database.types.ts";
import { ContactTimeline } from "../../components/contact-timeline.tsx";
import { DateTime } from "../../components/date-time.tsx";
import { RecordBreadcrumb } from "../../components/record-breadcrumb.tsx";
import { SendFlowButton } from "../../components/send-flow-button.tsx";
import { useRecordShow } from "../../missing-record.ts";
import { RecordUnavailable } from "../record-unavailable.tsx";

/** A contact, and one timeline of everything it went through, across all flows. */
export function ContactShow() {
  const { id = "" } = useParams();
  const { query, record: contact, missing } = useRecordShow<Tables<"contacts">>("contacts", id);
  const attributes = Object.entries((contact?.attributes ?? {}) as Record<string, unknown>);

  if (missing || query.error)
    return (
      <RecordUnavailable
        noun="contact"
        missing={missing}
        error={query.error}
        back={{ to: "/contacts", label: "All contacts" }}
        onRetry={query.refetch}
      />
    );

  return (
    <Show
      title={contact?.name || "Contact"}
      breadcrumb={
        <RecordBreadcrumb list={{ to: "/contacts", label: "Contacts" }} name={contact?.name || contact?.email} />
      }
      isLoading={query.isLoading}
      canEdit={false}
      canDelete={false}
      // Always there (disabled until the contact is read): null would bring back Refine's own buttons meanwhile.
      headerButtons={<SendFlowButton contacts={contact ? [contact] : []} />}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
        bordered
        style={{ marginBottom: 24 }}
      >
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
