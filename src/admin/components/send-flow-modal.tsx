import { useSelect } from "@refinedev/antd";
import { useInvalidate } from "@refinedev/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Form, List, Modal, Select, Typography } from "antd";
import { Link } from "react-router";
import { CONTACT_LABELS, enrollmentReasonLabel } from "../../domain/labels.ts";
import { useFlowAdmin } from "../context.tsx";
import { invokeFunction } from "../functions.ts";
import { FLOW_ADMIN_DATA_PROVIDER } from "../resources.ts";

/** Recorded as the executions' trigger source: where a support person sent the flow from. */
export const CONTACT_PAGE_SOURCE = "contact_page";

export interface SendFlowContact {
  id: string;
  name: string;
}

interface EnrollResponse {
  executions: { id: string; contactId: string; status: string }[];
}

const contactsNoun = (n: number) => `${n} contact${n === 1 ? "" : "s"}`;

/** Picks an active flow of the workspace, enrolls the contacts in it, and reports each new execution. */
export function SendFlowModal({
  contacts,
  workspaceId,
  onClose,
}: {
  contacts: SendFlowContact[];
  workspaceId: string;
  /** `sent` tells the caller whether contacts were enrolled (a list then clears its selection). */
  onClose: (sent: boolean) => void;
}) {
  const { supabase } = useFlowAdmin();
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ flowId: string }>();
  const flowId = Form.useWatch("flowId", form);
  const { selectProps, query: flows } = useSelect<{ id: string; name: string }>({
    resource: "flows",
    optionLabel: "name",
    optionValue: "id",
    filters: [
      { field: "workspace_id", operator: "eq", value: workspaceId },
      { field: "status", operator: "eq", value: "active" },
    ],
    sorters: [{ field: "name", order: "asc" }],
    pagination: { pageSize: 100 },
  });
  // Who is in the picked flow already: sending again starts a second, parallel execution.
  const alreadyIn = useQuery({
    queryKey: ["flow-admin", "in-progress", flowId, contacts.map((c) => c.id)],
    enabled: Boolean(flowId),
    queryFn: async () => {
      const { data, error } = await supabase
        .from("flow_executions")
        .select("contact_id")
        .eq("flow_id", flowId as string)
        .in(
          "contact_id",
          contacts.map((c) => c.id),
        )
        .in("status", ["pending", "running"]);
      if (error) throw new Error(error.message);
      return new Set(data.map((row) => row.contact_id));
    },
  });
  const send = useMutation({
    mutationFn: (flow: string) =>
      invokeFunction<EnrollResponse>(supabase, "enroll-contacts", {
        flowId: flow,
        contactIds: contacts.map((c) => c.id),
        reason: "manual",
        source: CONTACT_PAGE_SOURCE,
      }),
    onSuccess: () => {
      void invalidate({
        resource: "execution_enrollments",
        dataProviderName: FLOW_ADMIN_DATA_PROVIDER,
        invalidates: ["list"],
      });
      // The flow page's lists and stats read through the service, under this key.
      void queryClient.invalidateQueries({ queryKey: ["flow-admin"] });
    },
  });
  // Once sent, the form is gone: the flow is the one the mutation was called with.
  const flowName = flows.data?.data.find((f) => f.id === (send.variables ?? flowId))?.name;
  const nameOf = new Map(contacts.map((c) => [c.id, c.name]));
  const close = () => onClose(Boolean(send.data));

  if (send.data) {
    const { executions } = send.data;
    return (
      <Modal
        open
        title={CONTACT_LABELS.sendFlow}
        onCancel={close}
        // Focus moves in with the result (the picker it replaces had it), so Escape closes it.
        footer={
          <Button autoFocus onClick={close}>
            Close
          </Button>
        }
      >
        <Alert
          type="success"
          showIcon
          message={`Enrolled ${contactsNoun(executions.length)} in ${flowName ?? "the flow"}`}
        />
        <List
          size="small"
          dataSource={executions}
          renderItem={(execution) => (
            <List.Item extra={<Link to={`/executions/${execution.id}`}>View execution</Link>}>
              {nameOf.get(execution.contactId) ?? execution.contactId}
            </List.Item>
          )}
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={CONTACT_LABELS.sendFlow}
      okText={`Enroll ${contactsNoun(contacts.length)}`}
      okButtonProps={{ disabled: !flowId }}
      confirmLoading={send.isPending}
      onOk={() => flowId && send.mutate(flowId)}
      onCancel={close}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="flowId" label="Active flow" required>
          <Select
            {...selectProps}
            placeholder="Choose a flow"
            notFoundContent={flows.isLoading ? "Loading…" : "No active flows in this workspace"}
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph>
        {`${contactsNoun(contacts.length)} will enter ${flowName ?? "the flow"}, each with a new execution. Reason: ${enrollmentReasonLabel("manual", CONTACT_PAGE_SOURCE)}.`}
      </Typography.Paragraph>
      {alreadyIn.data?.size && !send.isPending ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${contacts
            .filter((c) => alreadyIn.data.has(c.id))
            .map((c) => c.name)
            .join(", ")} ${alreadyIn.data.size === 1 ? "is" : "are"} already in progress in ${flowName ?? "this flow"}`}
          description="Sending again starts a second execution alongside the one running."
        />
      ) : null}
      {send.error ? (
        <Alert type="error" showIcon message="The flow was not sent" description={send.error.message} />
      ) : null}
    </Modal>
  );
}
