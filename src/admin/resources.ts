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
];
