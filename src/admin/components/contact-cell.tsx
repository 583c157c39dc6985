import { Typography } from "antd";
import type { ContactSummary } from "../../services/flow-execution-service.ts";
import { ONE_LINE } from "./one-line.ts";

/** A contact as the lists show it: name, then email, each on one line ending in "…" if too long. */
export function ContactCell({ contact }: { contact: ContactSummary }) {
  const email = contact.email ?? "—";
  return (
    <div>
      <Typography.Text strong title={contact.name} style={ONE_LINE}>
        {contact.name}
      </Typography.Text>
      <Typography.Text type="secondary" title={email} style={ONE_LINE}>
        {email}
      </Typography.Text>
    </div>
  );
}
