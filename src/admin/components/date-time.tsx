const formatter = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
  timeZoneName: "short",
});

/** A stored UTC instant shown in the viewer's time zone, with the zone visible. */
export function DateTime({ value }: { value: string | null | undefined }) {
  if (!value) return <span>—</span>;
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{formatter.format(date)}</time>;
}
