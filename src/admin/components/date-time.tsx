const formatter = new Intl.DateTimeFormat(undefined, {
  // dateStyle/timeStyle cannot be combined with timeZoneName, so the fields are spelled out.
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
});

/** A stored UTC instant shown in the viewer's time zone, with the zone visible. */
export function DateTime({ value }: { value: string | null | undefined }) {
  if (!value) return <span>—</span>;
  const date = new Date(value);
  // One line: wrapped, the zone ends up alone under the time.
  return (
    <time dateTime={date.toISOString()} style={{ whiteSpace: "nowrap" }}>
      {formatter.format(date)}
    </time>
  );
}
