/**
 * Record ends in the exports' CSV (RFC 4180). A quote toggles "inside a quoted field" (a
 * doubled quote toggles twice), so a line feed is a record end only outside quotes; the
 * ones inside quoted values are data. UTF-8 never uses these bytes inside a multi-byte
 * character, so scanning bytes is safe. Each scanner keeps its state across chunks.
 */
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** A scanner giving, chunk after chunk, the positions of the line feeds that end a record. */
function recordEnds(): (chunk: Uint8Array) => number[] {
  let quoted = false;
  return (chunk) => {
    const ends: number[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === LF && !quoted) ends.push(i);
    }
    return ends;
  };
}

/** COPY ends each record with LF; RFC 4180 wants CRLF. Line feeds inside values stay as they are. */
export function crlfRecords(): (chunk: Uint8Array) => Uint8Array {
  const scan = recordEnds();
  return (chunk) => {
    const ends = scan(chunk);
    if (ends.length === 0) return chunk;
    const out = new Uint8Array(chunk.length + ends.length);
    let from = 0;
    let to = 0;
    for (const at of ends) {
      out.set(chunk.subarray(from, at), to);
      to += at - from;
      out[to++] = CR;
      out[to++] = LF;
      from = at + 1;
    }
    out.set(chunk.subarray(from), to);
    return out;
  };
}

/** Counts the records received so far (the header row included), chunk after chunk. */
export function recordCounter(): (chunk: Uint8Array) => number {
  const scan = recordEnds();
  let records = 0;
  return (chunk) => {
    records += scan(chunk).length;
    return records;
  };
}
