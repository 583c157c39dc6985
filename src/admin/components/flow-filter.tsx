import { useSelect } from "@refinedev/antd";
import { Select } from "antd";
import type { Tables } from "../../domain/database.types.ts";
import { FLOW_ADMIN_DATA_PROVIDER } from "../resources.ts";

/** The flow filter of the all-flows views: any flow of the user's workspaces, searchable by name. */
export function FlowFilter({ value, onChange }: { value?: string; onChange: (flowId: string | undefined) => void }) {
  const { selectProps } = useSelect<Tables<"flows">>({
    resource: "flows",
    dataProviderName: FLOW_ADMIN_DATA_PROVIDER,
    optionLabel: "name",
    optionValue: "id",
    sorters: [{ field: "name", order: "asc" }],
    defaultValue: value,
  });
  return (
    <Select<string>
      showSearch
      options={selectProps.options as { label: string; value: string }[]}
      onSearch={selectProps.onSearch}
      filterOption={false}
      loading={selectProps.loading}
      allowClear
      placeholder="Any flow"
      value={value}
      onChange={(flowId) => onChange(flowId ?? undefined)}
      style={{ minWidth: 160 }}
      // Flow names are longer than the field: the list shows them whole.
      popupMatchSelectWidth={280}
      aria-label="Flow"
    />
  );
}
