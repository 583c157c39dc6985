/**
 * The one helper antd's Radio.Group takes from antd's form hooks module (vite/narrow-imports.ts):
 * a form field's name path as the id Radio.Group derives from it. Importing that module would
 * put it, and rc-field-form's form store, on every page with a Radio, such as Table's selection.
 */
export function toNamePathStr(name: string | number | (string | number)[] | undefined | false): string {
  if (name === undefined || name === false) return "";
  return (Array.isArray(name) ? name : [name]).join("_");
}
