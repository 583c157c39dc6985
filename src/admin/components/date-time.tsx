const FIELDS: Intl.DateTimeFormatOptions = {
  // dateStyle/timeStyle cannot be combined with timeZoneName, so the fields are spelled out.
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
};
const toMinutes = new Intl.DateTimeFormat(undefined, FIELDS);
// Steps of one run happen within a second or two of each other: to the minute they look unordered.
const toSeconds = new Intl.DateTimeFormat(undefined, { ...FIELDS, second: "2-digit" });

/** A stored UTC instant shown in the viewer's time zone, with the zone visible. */
export function DateTime({ value, seconds = false }: { value: string | null | undefined; seconds?: boolean }) {
  if (!value) return <span>—</span>;
  const date = new Date(value);
  // One line: wrapped, the zone ends up alone under the time.
  return (
    <time dateTime={date.toISOString()} style={{ whiteSpace: "nowrap" }}>
      {(seconds ? toSeconds : toMinutes).format(date)}
    </time>
  );
}
