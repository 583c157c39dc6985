import { Tooltip } from "antd";
import { DateTime } from "./date-time.tsx";

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];

/** "in 2 hr." style, with the exact time (and zone) on hover. */
export function RelativeTime({ value, now = Date.now() }: { value: string | null | undefined; now?: number }) {
  if (!value) return <span>—</span>;
  const delta = new Date(value).getTime() - now;
  const [unit, size] = UNITS.find(([, ms]) => Math.abs(delta) >= ms) ?? ["second", 1_000];
  return (
    <Tooltip title={<DateTime value={value} />}>
      <span>{relative.format(Math.round(delta / size), unit)}</span>
    </Tooltip>
  );
}
