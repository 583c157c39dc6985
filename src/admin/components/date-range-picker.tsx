import { DatePicker } from "antd";
import dayjs from "dayjs";
import type { DateRangeProps } from "./date-range-filter.tsx";

/** antd's RangePicker over whole days: its own chunk, loaded by DateRangeFilter when wanted. */
export default function DateRangePicker({ from, to, onChange, autoFocus, style }: DateRangeProps) {
  return (
    <DatePicker.RangePicker
      showTime={false}
      autoFocus={autoFocus}
      style={style}
      value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
      onChange={(range) =>
        onChange({ from: range?.[0]?.startOf("day").toISOString(), to: range?.[1]?.endOf("day").toISOString() })
      }
      aria-label="Date range"
    />
  );
}
