import { Input } from "antd";
import { type CSSProperties, useEffect, useState } from "react";

/**
 * A list's search box, showing the term the URL holds: typing edits it, Enter or the icon
 * searches, and Back or a link replaces it with theirs, all without losing focus. Leaving the
 * box searches too, so it never shows a term the list is not filtered by (typed, then another
 * filter picked).
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
  const search = (value: string) => {
    if (value.trim() !== term) onSearch(value.trim());
  };
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={search}
      onBlur={() => search(text)}
      style={style}
      aria-label={label}
    />
  );
}
