import { Typography } from "antd";
import type { ContactSummary } from "../../services/flow-execution-service.ts";

const ONE_LINE = { display: "block" } as const;

/** A contact as the lists show it: name, then email, each on one line ending in "…" if too long. */
export function ContactCell({ contact }: { contact: ContactSummary }) {
  const email = contact.email ?? "—";
  return (
    <div>
      <Typography.Text strong ellipsis title={contact.name} style={ONE_LINE}>
        {contact.name}
      </Typography.Text>
      <Typography.Text type="secondary" ellipsis title={email} style={ONE_LINE}>
        {email}
      </Typography.Text>
    </div>
  );
}
