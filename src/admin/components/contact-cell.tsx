import { Typography } from "antd";
import type { ContactSummary } from "../../services/flow-execution-service.ts";

/** A contact as the lists show it: name, then email. */
export function ContactCell({ contact }: { contact: ContactSummary }) {
  return (
    <div>
      <Typography.Text strong>{contact.name}</Typography.Text>
      <div>
        {/* An address broken at its hyphen reads as two; it stays on one line. */}
        <Typography.Text type="secondary" style={{ whiteSpace: "nowrap" }}>
          {contact.email ?? "—"}
        </Typography.Text>
      </div>
    </div>
  );
}
