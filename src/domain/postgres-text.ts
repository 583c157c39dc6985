/**
 * Postgres text, and a string inside jsonb, cannot hold U+0000: a query parameter or a row
 * with one fails ("invalid byte sequence for encoding UTF8: 0x00", "unsupported Unicode
 * escape sequence"). Input is checked for it where it arrives, so the caller is told which
 * field was wrong (400) instead of the database failing mid-request (500).
 */
import { describeIssues } from "./issues.ts";

export const NUL_CHARACTER = "\u0000";
export const NUL_CHARACTER_MESSAGE = "must not contain the NUL character (\\u0000)";

interface Visit {
  value: object;
  key?: string | number;
  parent?: Visit;
}

/**
 * Where a string holding U+0000 is in a parsed JSON value (the first one met), as a path (a
 * key holding one is reported as its object's path); undefined when there is none. Walks
 * without recursion (a body of 1 MB can nest arrays 500,000 deep), queuing only objects and
 * arrays.
 */
export function nulCharacterPath(value: unknown): (string | number)[] | undefined {
  if (typeof value === "string") return value.includes(NUL_CHARACTER) ? [] : undefined;
  if (value === null || typeof value !== "object") return undefined;
  const pending: Visit[] = [{ value }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const children: Visit[] = [];
    const look = (key: string | number, item: unknown): (string | number)[] | undefined => {
      if (typeof item === "string") return item.includes(NUL_CHARACTER) ? [...pathOf(visit), key] : undefined;
      if (item !== null && typeof item === "object") children.push({ value: item, key, parent: visit });
      return undefined;
    };
    const current = visit.value;
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) {
        const found = look(i, current[i]);
        if (found) return found;
      }
    } else {
      for (const key in current) {
        if (key.includes(NUL_CHARACTER)) return pathOf(visit);
        const found = look(key, (current as Record<string, unknown>)[key]);
        if (found) return found;
      }
    }
    // Reversed onto the stack, so nested values are looked at in the document's order.
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i] as Visit);
  }
  return undefined;
}

/** `path: must not contain the NUL character (\u0000)` for the value's first such text; undefined if none. */
export function describeNulCharacter(value: unknown): string | undefined {
  const path = nulCharacterPath(value);
  return path && describeIssues([{ path, message: NUL_CHARACTER_MESSAGE }]);
}

function pathOf(visit: Visit | undefined): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = visit; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}
