import { CalendarOutlined } from "@ant-design/icons";
import { Input } from "antd";
import { type CSSProperties, lazy, Suspense, useState } from "react";

export interface DateRangeProps {
  from: string | undefined;
  to: string | undefined;
  onChange: (range: { from: string | undefined; to: string | undefined }) => void;
  autoFocus?: boolean;
  style?: CSSProperties;
}

// The date picker is a third of a list page's filter code (rc-picker and its panels). It loads
// when the pointer reaches the field or the field gets focus, or at once when a range is set.
const DateRangePicker = lazy(() => import("./date-range-picker.tsx"));
const WIDTH: CSSProperties = { width: 240 };

/** The lists' date range filter, whole days in the viewer's time zone. */
export function DateRangeFilter({ from, to, onChange }: Omit<DateRangeProps, "autoFocus" | "style">) {
  const [wanted, setWanted] = useState(Boolean(from || to));
  const [focused, setFocused] = useState(false);
  const standIn = (
    <Input
      readOnly
      placeholder="Start date → End date"
      suffix={<CalendarOutlined style={{ color: "rgba(0, 0, 0, 0.25)" }} />}
      onMouseEnter={() => setWanted(true)}
      onFocus={() => {
        setFocused(true);
        setWanted(true);
      }}
      aria-label="Date range"
      style={WIDTH}
    />
  );
  if (!wanted && !from && !to) return standIn;
  return (
    <Suspense fallback={standIn}>
      <DateRangePicker from={from} to={to} onChange={onChange} autoFocus={focused} style={WIDTH} />
    </Suspense>
  );
}
