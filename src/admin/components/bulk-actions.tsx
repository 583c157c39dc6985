import { App, Button, Space, Typography } from "antd";
import { useState } from "react";
import { useFlowAdmin } from "../context.tsx";
import { invokeFunction, type RowResult } from "../functions.ts";

/** The bulk actions, their function, and how the confirmation and the report read: one place. */
const ACTIONS = {
  retryFailedStep: {
    label: "Retry from failed step",
    fn: "retry-executions",
    body: { mode: "failed-step" },
    confirm: (n: number) => `Retry ${n} execution${n === 1 ? "" : "s"} from the failed step?`,
    done: "retried",
  },
  restart: {
    label: "Restart",
    fn: "retry-executions",
    body: { mode: "restart" },
    confirm: (n: number) => `Restart ${n} execution${n === 1 ? "" : "s"} from the beginning?`,
    done: "retried",
  },
  cancel: {
    label: "Cancel",
    fn: "cancel-executions",
    body: {},
    confirm: (n: number) => `Cancel ${n} execution${n === 1 ? "" : "s"}?`,
    done: "cancelled",
  },
} as const;

type ActionName = keyof typeof ACTIONS;

/** Retry (both modes) and Cancel for the selected executions: confirms the count, reports per row. */
export function BulkActions({
  executionIds,
  onDone,
  showCount = true,
}: {
  executionIds: string[];
  onDone: () => void;
  /** Off where the action is about one execution (its detail page). */
  showCount?: boolean;
}) {
  const { supabase } = useFlowAdmin();
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState<ActionName | null>(null);

  const run = (name: ActionName) => {
    const action = ACTIONS[name];
    modal.confirm({
      title: action.confirm(executionIds.length),
      okText: action.label,
      onOk: async () => {
        setBusy(name);
        try {
          const { results } = await invokeFunction<{ results: RowResult[] }>(supabase, action.fn, {
            executionIds,
            ...action.body,
          });
          const ok = results.filter((r) => r.outcome === action.done);
          const skipped = results.filter((r) => r.outcome !== action.done);
          modal.info({
            title: `${action.label}: ${ok.length} done, ${skipped.length} skipped`,
            content: skipped.length ? (
              <ul>
                {skipped.map((r) => (
                  <li key={r.id}>
                    <Typography.Text code>{r.id.slice(0, 8)}</Typography.Text> {r.reason}
                  </li>
                ))}
              </ul>
            ) : null,
          });
          onDone();
        } catch (error) {
          message.error(`${action.label} failed: ${(error as Error).message}`);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  return (
    <Space>
      {showCount ? <Typography.Text type="secondary">{executionIds.length} selected</Typography.Text> : null}
      {(Object.keys(ACTIONS) as ActionName[]).map((name) => (
        <Button
          key={name}
          danger={name === "cancel"}
          disabled={executionIds.length === 0}
          loading={busy === name}
          onClick={() => run(name)}
        >
          {ACTIONS[name].label}
        </Button>
      ))}
    </Space>
  );
}
