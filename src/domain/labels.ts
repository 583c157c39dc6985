import type { TestRunChoice } from "./execution-filters.ts";
import type { EnrollmentReason, ExecutionStatus, FlowStatus, StepStatus } from "./statuses.ts";

/** Every user-facing label for the status enums, exhaustively typed. */
export const EXECUTION_STATUS_LABELS: Record<ExecutionStatus, string> = {
  pending: "Pending",
  running: "In Progress",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  pending: "Pending",
  running: "Running",
  success: "Success",
  failed: "Failed",
  skipped: "Skipped",
};

export const FLOW_STATUS_LABELS: Record<FlowStatus, string> = {
  draft: "Draft",
  active: "Active",
  paused: "Paused",
  archived: "Archived",
};

export const ENROLLMENT_REASON_LABELS: Record<EnrollmentReason, string> = {
  manual: "Manual Send",
  scheduled: "Scheduled",
  webhook: "Webhook",
};

/** Where a manual send was started, by the source enroll-contacts recorded in its trigger. */
export const MANUAL_SOURCE_LABELS: Record<string, string> = {
  contact_page: "Contact Page", // the admin's Send Flow
  contact_execution: "Contact Page", // enroll-contacts' default, as the seed's contact page sends it
  flow_builder_test: "Flow Builder",
  retry: "Retry",
};

/** "Manual Send (Contact Page)": a manual send names where it came from (another source as it is). */
export function enrollmentReasonLabel(reason: EnrollmentReason, source: string | null): string {
  const label = ENROLLMENT_REASON_LABELS[reason] ?? reason;
  if (reason !== "manual" || !source) return label;
  return `${label} (${MANUAL_SOURCE_LABELS[source] ?? source})`;
}

/** The lists' choice about test runs. */
export const TEST_RUN_LABELS: Record<TestRunChoice, string> = {
  include: "Test runs included",
  exclude: "Without test runs",
  only: "Test runs only",
};

/** The outbox's channels (its CHECK constraint allows exactly these) and their labels. */
export const OUTBOX_CHANNEL_LABELS = { email: "Email", sms: "SMS" } as const;
export type OutboxChannel = keyof typeof OUTBOX_CHANNEL_LABELS;

/** An execution's retry lineage, as its page and the lists name it. */
export const EXECUTION_LABELS = {
  retryOf: "Restart of",
  restartedAs: "Restarted as",
  /** Beside a failed execution's status: it went on as a new execution, linked. */
  restarted: "Restarted",
  /** Beside a restart's status: the failed execution it restarts, linked. */
  restartOf: "Restart of",
  /** Beside a step run in a retry from the failed step (attempt 2 and on): the step it failed, and those after. */
  attempt: (n: number) => `attempt ${n}`,
} as const;

/** Words the Contacts pages and the Send Flow action share. */
export const CONTACT_LABELS = {
  empty: "No contacts found",
  neverEnrolled: "This contact has not entered any flow yet",
  search: "Search name or email",
  sendFlow: "Send Flow",
} as const;
