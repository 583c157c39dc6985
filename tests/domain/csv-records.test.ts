import { describe, expect, it } from "vitest";
import { crlfRecords, recordCounter } from "../../src/domain/csv-records.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (chunks: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(chunks));

// As COPY writes it: LF after each record; values with a quote, comma or line break quoted.
const COPY_OUTPUT = 'id,error\n1,"line one\nline two"\n2,"said ""hi""\r\nthen left"\n3,Zoë 🙂\n4,"a, b"\n';

/**
 * Every way of cutting the bytes in two (inside multi-byte characters too), so the state
 * carried across chunks is exercised.
 */
const splits = (input: string) => {
  const all = bytes(input);
  return Array.from({ length: all.length + 1 }, (_, at) => [all.subarray(0, at), all.subarray(at)]);
};

describe("CSV record ends", () => {
  it("turns only the line feeds that end a record into CRLF, wherever the chunks are cut", () => {
    const expected = 'id,error\r\n1,"line one\nline two"\r\n2,"said ""hi""\r\nthen left"\r\n3,Zoë 🙂\r\n4,"a, b"\r\n';
    for (const chunks of splits(COPY_OUTPUT)) {
      const toCrlf = crlfRecords();
      expect(text(chunks.map(toCrlf))).toBe(expected);
    }
  });

  it("counts records, not line breaks inside values, wherever the chunks are cut", () => {
    for (const input of [COPY_OUTPUT, text([crlfRecords()(bytes(COPY_OUTPUT))])]) {
      for (const chunks of splits(input)) {
        const count = recordCounter();
        const counts = chunks.map(count);
        expect(counts.at(-1)).toBe(5);
      }
    }
  });

  it("counts nothing before the first record ends", () => {
    expect(recordCounter()(bytes("id,err"))).toBe(0);
  });
});
