import type { ContactSnapshot } from "./ports.ts";

/** Replaces `{{contact.name}}`-style placeholders; unknown placeholders become empty. */
export function renderTemplate(template: string, contact: ContactSnapshot): string {
  return template.replace(/\{\{\s*contact\.(\w+)\s*\}\}/g, (_, field: string) => {
    const value = (contact as unknown as Record<string, unknown>)[field];
    if (Array.isArray(value)) return value.join(", ");
    return value === null || value === undefined ? "" : String(value);
  });
}
