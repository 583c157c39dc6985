const DATE: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric" };
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
// dateStyle/timeStyle cannot be combined with timeZoneName, so the fields are spelled out.
const toMinutes = new Intl.DateTimeFormat(undefined, { ...DATE, ...TIME });
// Steps of one run happen within a second or two of each other: to the minute they look unordered.
const toSeconds = new Intl.DateTimeFormat(undefined, { ...DATE, ...TIME, second: "2-digit" });
const dateOnly = new Intl.DateTimeFormat(undefined, DATE);
const timeToMinutes = new Intl.DateTimeFormat(undefined, TIME);
const timeToSeconds = new Intl.DateTimeFormat(undefined, { ...TIME, second: "2-digit" });
const NO_WRAP = { whiteSpace: "nowrap" } as const;

/**
 * A stored UTC instant shown in the viewer's time zone, with the zone visible. On one line,
 * or `stacked` for a table column: the date above the time, each whole (wrapped anywhere
 * else, the zone ends up alone under the time).
 */
export function DateTime({
  value,
  seconds = false,
  stacked = false,
}: {
  value: string | null | undefined;
  seconds?: boolean;
  stacked?: boolean;
}) {
  if (!value) return <span>—</span>;
  const date = new Date(value);
  if (!stacked) {
    return (
      <time dateTime={date.toISOString()} style={NO_WRAP}>
        {(seconds ? toSeconds : toMinutes).format(date)}
      </time>
    );
  }
  return (
    <time dateTime={date.toISOString()} style={{ display: "block" }}>
      <span style={NO_WRAP}>{dateOnly.format(date)}</span>
      <br />
      <span style={NO_WRAP}>{(seconds ? timeToSeconds : timeToMinutes).format(date)}</span>
    </time>
  );
}
