/**
 * Turns the text that pgoutput sends for each column into the JSON value Supabase Realtime
 * sends, which is `to_jsonb(value)`: numbers, booleans, json objects and arrays as JSON,
 * timestamps in ISO form (as PostgREST returns them), everything else as its text.
 */

export interface PgType {
  oid: number;
  /** pg_type.typname: `int4`, `timestamptz`, `_text` (an array of text) ... as realtime-js expects. */
  name: string;
  /** Element type of an array type, else 0. */
  elementOid: number;
  delimiter: string;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const BOOL = 16;
const NUMBERS = new Set([20, 21, 23, 26, 700, 701, 1700]);
const JSON_TYPES = new Set([114, 3802]);
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

export function toJsonValue(text: string | null, typeOid: number, types: ReadonlyMap<number, PgType>): JsonValue {
  if (text === null) return null;
  const type = types.get(typeOid);
  if (type && type.elementOid !== 0) {
    return parseArrayLiteral(text, type.delimiter).map(function convert(item): JsonValue {
      return Array.isArray(item) ? item.map(convert) : toJsonValue(item, type.elementOid, types);
    });
  }
  if (typeOid === BOOL) return text === "t";
  if (NUMBERS.has(typeOid)) {
    const value = Number(text);
    // to_jsonb keeps NaN and ±Infinity as strings; JSON has no such numbers.
    return Number.isFinite(value) ? value : text;
  }
  if (JSON_TYPES.has(typeOid)) return JSON.parse(text) as JsonValue;
  if (typeOid === TIMESTAMP) return text.replace(" ", "T");
  if (typeOid === TIMESTAMPTZ) return isoTimestamptz(text);
  return text;
}

/** `2026-11-26 10:00:00.123456+00` → `2026-11-26T10:00:00.123456+00:00`, as to_jsonb writes it. */
function isoTimestamptz(text: string): string {
  const match = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d)(?::(\d\d))?(?::(\d\d))?( BC)?$/.exec(text);
  if (!match) return text; // infinity, -infinity
  const [, date, time, hours, minutes = "00", seconds, bc = ""] = match;
  return `${date}T${time}${hours}:${minutes}${seconds ? `:${seconds}` : ""}${bc}`;
}

type ArrayItem = string | null | ArrayItem[];

/** Parses a Postgres array literal (`{a,"b c",NULL,{1,2}}`) into nested arrays of element text. */
export function parseArrayLiteral(text: string, delimiter = ","): ArrayItem[] {
  // A lower bound other than 1 is written as a dimension prefix: `[0:1]={a,b}`.
  let position = text.startsWith("[") ? text.indexOf("=") + 1 : 0;

  function parseArray(): ArrayItem[] {
    if (text[position] !== "{") throw new Error(`not an array literal: ${text}`);
    position++;
    const items: ArrayItem[] = [];
    if (text[position] === "}") {
      position++;
      return items;
    }
    for (;;) {
      items.push(parseItem());
      const next = text[position++];
      if (next === "}") return items;
      if (next !== delimiter) throw new Error(`malformed array literal: ${text}`);
    }
  }

  function parseItem(): ArrayItem {
    if (text[position] === "{") return parseArray();
    if (text[position] === '"') {
      position++;
      let value = "";
      for (;;) {
        const char = text[position++];
        if (char === undefined) throw new Error(`unterminated quote in array literal: ${text}`);
        if (char === '"') return value;
        value += char === "\\" ? (text[position++] ?? "") : char;
      }
    }
    let end = position;
    while (end < text.length && text[end] !== delimiter && text[end] !== "}") end++;
    const raw = text.slice(position, end).trim();
    position = end;
    return raw.toUpperCase() === "NULL" ? null : raw;
  }

  return parseArray();
}
