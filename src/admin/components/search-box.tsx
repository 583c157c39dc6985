import { Input } from "antd";
import { type CSSProperties, useEffect, useState } from "react";

/**
 * A list's search box, showing the term the URL holds: typing edits it, Enter or the icon
 * searches, and Back or a link replaces it with theirs, all without losing focus.
 */
export function SearchBox({
  term,
  onSearch,
  label,
  placeholder = label,
  style,
}: {
  term: string;
  onSearch: (term: string) => void;
  label: string;
  placeholder?: string;
  style?: CSSProperties;
}) {
  const [text, setText] = useState(term);
  useEffect(() => setText(term), [term]);
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={(value) => onSearch(value.trim())}
      style={style}
      aria-label={label}
    />
  );
}
