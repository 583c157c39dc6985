import { SendOutlined } from "@ant-design/icons";
import { Button, Tooltip } from "antd";
import { lazy, Suspense, useState } from "react";
import { CONTACT_LABELS } from "../../domain/labels.ts";
import type { SendFlowContact } from "./send-flow-modal.tsx";

// The modal's form (antd Form and its validator) loads when it first opens, not with the page.
const SendFlowModal = lazy(() => import("./send-flow-modal.tsx").then((m) => ({ default: m.SendFlowModal })));

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
        <Suspense fallback={null}>
          <SendFlowModal
            contacts={contacts}
            workspaceId={workspaceId}
            onClose={(sent) => {
              setOpen(false);
              if (sent) onSent?.();
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}
