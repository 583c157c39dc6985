import { Tooltip } from "antd";
import { useEffect, useState } from "react";
import { DateTime } from "./date-time.tsx";

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];

/** How often a distance needs redrawing: every second while it is counted in seconds. */
function tickFor(deltaMs: number): number {
  const distance = Math.abs(deltaMs);
  if (distance < 60_000) return 1_000;
  if (distance < 3_600_000) return 15_000;
  return 60_000;
}

/** The current time, refreshed every `everyMs` (never when null). */
function useNow(everyMs: number | null): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (everyMs === null) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * "in 2 hr." style, kept current as time passes, with the exact time (and zone) on hover.
 * A fixed `now` (tests, screenshots) stops the clock.
 */
export function RelativeTime({ value, now: fixedNow }: { value: string | null | undefined; now?: number }) {
  const target = value ? new Date(value).getTime() : Number.NaN;
  const ticking = useNow(value && fixedNow === undefined ? tickFor(target - Date.now()) : null);
  if (!value) return <span>—</span>;
  const delta = target - (fixedNow ?? ticking);
  const [unit, size] = UNITS.find(([, ms]) => Math.abs(delta) >= ms) ?? ["second", 1_000];
  return (
    <Tooltip title={<DateTime value={value} />}>
      <span>{relative.format(Math.round(delta / size), unit)}</span>
    </Tooltip>
  );
}
