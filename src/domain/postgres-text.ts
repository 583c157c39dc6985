/**
 * Postgres text, and a string inside jsonb, cannot hold U+0000: a query parameter or a row
 * with one fails ("invalid byte sequence for encoding UTF8: 0x00", "unsupported Unicode
 * escape sequence"). Input is checked for it where it arrives, so the caller is told which
 * field was wrong (400) instead of the database failing mid-request (500).
 */
export const NUL_CHARACTER = "\u0000";
export const NUL_CHARACTER_MESSAGE = "must not contain the NUL character (\\u0000)";

interface Visit {
  value: unknown;
  key?: string | number;
  parent?: Visit;
}

/**
 * Where the first string holding U+0000 is in a parsed JSON value, as a path (a key holding
 * one is reported as its object's path); undefined when there is none. Walks without
 * recursion: a body of 1 MB can nest arrays 500,000 deep.
 */
export function nulCharacterPath(value: unknown): (string | number)[] | undefined {
  const pending: Visit[] = [{ value }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const current = visit.value;
    if (typeof current === "string") {
      if (current.includes(NUL_CHARACTER)) return pathOf(visit);
    } else if (current !== null && typeof current === "object") {
      const entries: [string | number, unknown][] = Array.isArray(current)
        ? [...current.entries()]
        : Object.entries(current);
      if (entries.some(([key]) => typeof key === "string" && key.includes(NUL_CHARACTER))) return pathOf(visit);
      // Reversed onto the stack, so the first in the document is found first.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string | number, unknown];
        pending.push({ value: item, key, parent: visit });
      }
    }
  }
  return undefined;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}
