import { Typography } from "antd";
import type { ContactSummary } from "../../services/flow-execution-service.ts";

/** A contact as the lists show it: name, then email. */
export function ContactCell({ contact }: { contact: ContactSummary }) {
  return (
    <div>
      <Typography.Text strong>{contact.name}</Typography.Text>
      <div>
        <Typography.Text type="secondary">{contact.email ?? "—"}</Typography.Text>
      </div>
    </div>
  );
}
