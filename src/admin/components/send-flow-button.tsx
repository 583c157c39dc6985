import { SendOutlined } from "@ant-design/icons";
import { Button, Tooltip } from "antd";
import { useState } from "react";
import { CONTACT_LABELS } from "../../domain/labels.ts";
import { type SendFlowContact, SendFlowModal } from "./send-flow-modal.tsx";

/** Send Flow for one contact (its page) or many (the list's selection); a flow belongs to one workspace. */
export function SendFlowButton({
  contacts,
  onSent,
}: {
  contacts: (SendFlowContact & { workspace_id: string })[];
  onSent?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const workspaces = new Set(contacts.map((c) => c.workspace_id));
  const [workspaceId] = workspaces;
  const mixed = workspaces.size > 1;

  return (
    <>
      <Tooltip title={mixed ? "Select contacts of one workspace: a flow belongs to one" : undefined}>
        <Button type="primary" icon={<SendOutlined />} disabled={!workspaceId || mixed} onClick={() => setOpen(true)}>
          {CONTACT_LABELS.sendFlow}
        </Button>
      </Tooltip>
      {open && workspaceId ? (
        <SendFlowModal
          contacts={contacts}
          workspaceId={workspaceId}
          onClose={(sent) => {
            setOpen(false);
            if (sent) onSent?.();
          }}
        />
      ) : null}
    </>
  );
}
