import { App, Button, Space, Tooltip, Typography } from "antd";
import { useState } from "react";
import { EXECUTION_STATUS_LABELS } from "../../domain/labels.ts";
import type { ExecutionStatus } from "../../domain/statuses.ts";
import type { EnrollmentRow } from "../../services/flow-execution-service.ts";
import { useFlowAdmin } from "../context.tsx";
import { invokeFunction, type RowResult } from "../functions.ts";

/** The bulk actions, their function, and how the confirmation and the report read: one place. */
const ACTIONS = {
  retryFailedStep: {
    label: "Retry from failed step",
    confirmButton: "Retry",
    fn: "retry-executions",
    body: { mode: "failed-step" },
    confirm: (n: number) => `Retry ${executions(n)} from the failed step?`,
    done: "retried",
    reported: "retried",
    appliesTo: ["failed"],
    notIfRestarted: true,
  },
  restart: {
    label: "Restart",
    confirmButton: "Restart",
    fn: "retry-executions",
    body: { mode: "restart" },
    confirm: (n: number) => `Restart ${executions(n)} from the beginning?`,
    done: "retried",
    reported: "restarted",
    appliesTo: ["failed"],
    notIfRestarted: true,
  },
  cancel: {
    label: "Cancel",
    confirmButton: "Cancel executions",
    fn: "cancel-executions",
    body: {},
    confirm: (n: number) => `Cancel ${executions(n)}?`,
    done: "cancelled",
    reported: "cancelled",
    appliesTo: ["pending", "running"],
    notIfRestarted: false,
  },
} as const satisfies Record<
  string,
  {
    label: string;
    /** The confirmation's own button: never just "Cancel", which its dismiss button says. */
    confirmButton: string;
    fn: string;
    body: object;
    confirm: (n: number) => string;
    /** The function's outcome for a row it changed, and how the report words it. */
    done: string;
    reported: string;
    /** The statuses an action can change; the function skips the others. */
    appliesTo: readonly ExecutionStatus[];
    /** A failed attempt is retried once: the function skips an execution already restarted. */
    notIfRestarted: boolean;
  }
>;

type ActionName = keyof typeof ACTIONS;

/**
 * A selected execution: its status (and whether it was restarted) when known, and who it is
 * about, for the confirmation and report.
 */
export interface SelectedExecution {
  id: string;
  status?: ExecutionStatus;
  restarted?: boolean;
  contactName?: string | null;
}

/** An execution row as the bulk actions read it (a list's row, or the detail page's). */
export function selectedExecution(row: EnrollmentRow): SelectedExecution {
  return { id: row.id, status: row.status, restarted: row.restartedAs !== null, contactName: row.contact.name };
}

type Action = (typeof ACTIONS)[ActionName];

/** "Failed", "Pending or In Progress": the statuses an action changes, as the badges name them. */
const statusesOf = (action: Action) => action.appliesTo.map((status) => EXECUTION_STATUS_LABELS[status]).join(" or ");

/** "Applies to Failed executions not restarted yet", or "Select executions first". */
function whyDisabled(action: Action, selected: number): string {
  if (selected === 0) return "Select executions first";
  return `Applies to ${statusesOf(action)} executions${action.notIfRestarted ? " not restarted yet" : ""}`;
}

/** "1 of the 2 selected is not Failed, or was restarted already, and will be left as it is." */
function leftAsTheyAre(action: Action, left: number, selected: number): string {
  const one = left === 1;
  const statuses = statusesOf(action);
  const restarted = action.notIfRestarted ? `, or ${one ? "was" : "were"} restarted already,` : "";
  return `${left} of the ${selected} selected ${one ? "is" : "are"} not ${statuses}${restarted} and will be left as ${one ? "it is" : "they are"}.`;
}

const executions = (n: number) => `${n} execution${n === 1 ? "" : "s"}`;
const nameOf = (row: SelectedExecution | undefined, id: string) => row?.contactName || id.slice(0, 8);
const NAMED = 10;

/** "Fiona Failed, Carl Completed and 3 more": whose executions a confirmation will change. */
function whose(rows: SelectedExecution[]): string {
  const names = rows.slice(0, NAMED).map((row) => nameOf(row, row.id));
  const more = rows.length - names.length;
  return more > 0 ? `${names.join(", ")} and ${more} more` : names.join(", ");
}

/** Retry (both modes) and Cancel for the selected executions: confirms the count, reports per row. */
export function BulkActions({
  selection,
  onDone,
  showCount = true,
}: {
  /**
   * With every status known, an action none of them allows is disabled and the confirmation
   * counts only the rows it will touch (the functions skip the others anyway, and say why).
   */
  selection: SelectedExecution[];
  onDone: () => void;
  /** Off where the action is about one execution (its detail page). */
  showCount?: boolean;
}) {
  const { supabase } = useFlowAdmin();
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState<ActionName | null>(null);
  const statusesKnown = selection.every((row) => row.status !== undefined);
  const applies = (name: ActionName, row: SelectedExecution) =>
    (ACTIONS[name].appliesTo as readonly string[]).includes(row.status ?? "") &&
    !(ACTIONS[name].notIfRestarted && row.restarted);
  const applicable = (name: ActionName) => selection.filter((row) => !statusesKnown || applies(name, row));

  const run = (name: ActionName) => {
    const action = ACTIONS[name];
    const rows = applicable(name);
    const touched = rows.length;
    const left = selection.length - touched;
    const byId = new Map(selection.map((row) => [row.id, row]));
    modal.confirm({
      title: action.confirm(touched),
      content: (
        <>
          <Typography.Paragraph style={{ marginBottom: left ? 8 : 0 }}>{whose(rows)}</Typography.Paragraph>
          {left ? (
            <Typography.Paragraph type="secondary">
              {leftAsTheyAre(action, left, selection.length)}
            </Typography.Paragraph>
          ) : null}
        </>
      ),
      okText: action.confirmButton,
      okButtonProps: { danger: name === "cancel" },
      cancelText: "Back",
      onOk: async () => {
        setBusy(name);
        try {
          const { results } = await invokeFunction<{ results: RowResult[] }>(supabase, action.fn, {
            executionIds: selection.map((row) => row.id),
            ...action.body,
          });
          const ok = results.filter((r) => r.outcome === action.done);
          modal.info({
            title: `${action.label}: ${ok.length} done, ${results.length - ok.length} skipped`,
            width: 560,
            content: (
              <ul style={{ paddingInlineStart: 20, marginBottom: 0 }}>
                {results.map((r) => (
                  <li key={r.id}>
                    <Typography.Text strong>{nameOf(byId.get(r.id), r.id)}</Typography.Text>{" "}
                    {r.outcome === action.done ? (
                      <Typography.Text type="success">
                        {action.reported}
                        {r.executionId && r.executionId !== r.id ? ` as ${r.executionId.slice(0, 8)}` : ""}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">skipped: {r.reason}</Typography.Text>
                    )}
                  </li>
                ))}
              </ul>
            ),
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
      {showCount ? <Typography.Text type="secondary">{selection.length} selected</Typography.Text> : null}
      {(Object.keys(ACTIONS) as ActionName[]).map((name) => {
        const disabled = applicable(name).length === 0;
        return (
          // A disabled action says what it needs. Browsers send a disabled button no pointer
          // events, so the tooltip listens on a wrapper the button lets the pointer through to.
          <Tooltip key={name} title={disabled ? whyDisabled(ACTIONS[name], selection.length) : undefined}>
            <span style={{ display: "inline-block", cursor: disabled ? "not-allowed" : undefined }}>
              <Button
                danger={name === "cancel"}
                disabled={disabled}
                loading={busy === name}
                onClick={() => run(name)}
                style={disabled ? { pointerEvents: "none" } : undefined}
              >
                {ACTIONS[name].label}
              </Button>
            </span>
          </Tooltip>
        );
      })}
    </Space>
  );
}
