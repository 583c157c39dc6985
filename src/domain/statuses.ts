/**
 * Every status the database allows, in one place. The CHECK constraints in
 * supabase/migrations mirror these lists; a test keeps the two in step.
 */
export const EXECUTION_STATUSES = ["pending", "running", "completed", "failed", "cancelled"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const STEP_STATUSES = ["pending", "running", "success", "failed", "skipped"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const FLOW_STATUSES = ["draft", "active", "paused", "archived"] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];

export const ENROLLMENT_REASONS = ["manual", "scheduled", "webhook"] as const;
export type EnrollmentReason = (typeof ENROLLMENT_REASONS)[number];

export const WORKSPACE_ROLES = ["owner", "admin", "support", "viewer"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/** Executions in these states will not change again unless retried. */
export const FINISHED_EXECUTION_STATUSES: readonly ExecutionStatus[] = ["completed", "failed", "cancelled"];
