import type { ResourceProps } from "@refinedev/core";

/** Name of the data provider the plugin's resources use, so a host app can keep its own default. */
export const FLOW_ADMIN_DATA_PROVIDER = "flowAdmin";

export const flowAdminResources: ResourceProps[] = [
  {
    name: "flows",
    list: "/flows",
    meta: { label: "Flows", dataProviderName: FLOW_ADMIN_DATA_PROVIDER },
  },
];
