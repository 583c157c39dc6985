/**
 * Stands in for antd Table's column filter dropdown (vite/narrow-imports.ts): the admin's tables
 * filter in filter bars above them and declare no column `filters`, so the dropdown, with the
 * Tree, Menu and Checkbox it renders, would only weigh on every list. A column that declares
 * filters fails loudly instead of rendering without its filter.
 */
export function flattenKeys(): never {
  throw new Error("antd Table column filters are not bundled with the admin: see vite/narrow-imports.ts");
}

export default function FilterDropdown(): never {
  return flattenKeys();
}
