import type { ResourceProps } from "@refinedev/core";

/** Name of the data provider the plugin's resources use, so a host app can keep its own default. */
export const FLOW_ADMIN_DATA_PROVIDER = "flowAdmin";

const meta = { dataProviderName: FLOW_ADMIN_DATA_PROVIDER };

export const flowAdminResources: ResourceProps[] = [
  { name: "flows", list: "/flows", show: "/flows/:id", meta: { ...meta, label: "Flows" } },
  {
    name: "execution_enrollments",
    list: "/executions",
    show: "/executions/:id",
    meta: { ...meta, label: "Executions" },
  },
  { name: "execution_logs", list: "/execution-logs", meta: { ...meta, label: "Execution Logs" } },
  { name: "contacts", list: "/contacts", show: "/contacts/:id", meta: { ...meta, label: "Contacts" } },
];

/**
 * The local outbox: messages captured when no email/SMS provider is configured. Only a local
 * stack fills it, so the host mounts it deliberately, next to `outboxRoutes()`.
 */
export const outboxResource: ResourceProps = {
  name: "outbox_messages",
  list: "/outbox",
  meta: { ...meta, label: "Outbox" },
};
