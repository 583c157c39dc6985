import type { ReactNode } from "react";
import { Link } from "react-router";

const STRONG = { fontWeight: 600 } as const;

/**
 * A record's name as the way into its page: bold, in the link color (a Typography.Text
 * inside the Link would paint it like plain text, and nothing would look clickable).
 */
export function RecordLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} style={STRONG}>
      {children}
    </Link>
  );
}
