import { Descriptions, Typography } from "antd";

/** A readable summary of a step's result for the nodes that have one; the raw JSON is shown beside it. */
export function StepResultSummary({ type, result }: { type: string; result: unknown }) {
  if (!result || typeof result !== "object") return null;
  const r = result as Record<string, unknown>;
  const items: [string, unknown][] =
    type === "send_email"
      ? [
          ["To", r.to],
          ["Subject", r.subject],
          ["Provider", r.provider],
          ["Message id", r.messageId],
        ]
      : type === "send_sms"
        ? [
            ["To", r.to],
            ["Text", r.body],
            ["Provider", r.provider],
            ["Message id", r.messageId],
          ]
        : type === "webhook"
          ? [
              ["URL", r.url],
              ["HTTP status", r.status],
              ["Took", r.durationMs !== undefined ? `${r.durationMs} ms` : undefined],
            ]
          : type === "condition"
            ? [
                ["Branch taken", r.branch],
                ["Checked", `${String(r.field)} ${String(r.operator)} ${String(r.value ?? "")}`],
              ]
            : type === "delay"
              ? [["Resumed at", r.resumeAt]]
              : [];
  const shown = items.filter(([, value]) => value !== undefined && value !== null);
  if (shown.length === 0) return null;
  return (
    <Descriptions size="small" column={1}>
      {shown.map(([label, value]) => (
        <Descriptions.Item key={label} label={label}>
          <Typography.Text>{String(value)}</Typography.Text>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
