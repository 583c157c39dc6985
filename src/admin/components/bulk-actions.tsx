import { App, Button, Space, Typography } from "antd";
import { useState } from "react";
import type { ExecutionStatus } from "../../domain/statuses.ts";
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
    appliesTo: ["failed"],
  },
  restart: {
    label: "Restart",
    fn: "retry-executions",
    body: { mode: "restart" },
    confirm: (n: number) => `Restart ${n} execution${n === 1 ? "" : "s"} from the beginning?`,
    done: "retried",
    appliesTo: ["failed"],
  },
  cancel: {
    label: "Cancel",
    fn: "cancel-executions",
    body: {},
    confirm: (n: number) => `Cancel ${n} execution${n === 1 ? "" : "s"}?`,
    done: "cancelled",
    appliesTo: ["pending", "running"],
  },
} as const satisfies Record<
  string,
  {
    label: string;
    fn: string;
    body: object;
    confirm: (n: number) => string;
    done: string;
    /** The statuses an action can change; the function skips the others. */
    appliesTo: readonly ExecutionStatus[];
  }
>;

type ActionName = keyof typeof ACTIONS;

/** Retry (both modes) and Cancel for the selected executions: confirms the count, reports per row. */
export function BulkActions({
  executionIds,
  statuses,
  onDone,
  showCount = true,
}: {
  executionIds: string[];
  /**
   * The selection's statuses, when all are known: an action none of them allows is disabled
   * (the functions skip such rows anyway, and say why).
   */
  statuses?: ExecutionStatus[];
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
          disabled={
            executionIds.length === 0 ||
            (statuses !== undefined &&
              !statuses.some((status) => (ACTIONS[name].appliesTo as readonly ExecutionStatus[]).includes(status)))
          }
          loading={busy === name}
          onClick={() => run(name)}
        >
          {ACTIONS[name].label}
        </Button>
      ))}
    </Space>
  );
}
