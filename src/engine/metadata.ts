import type { FlowDefinition } from "../domain/flow-definition.ts";
import type { EnrollmentReason } from "../domain/statuses.ts";

/** `flow_executions.metadata`, in the seed's structure. */
export interface ExecutionMetadata {
  isTest: boolean;
  contact: { id: string; name: string; email: string | null; phone?: string | null; tags: string };
  trigger: { type: EnrollmentReason; source: string; workflow_id: string; initiated_by: string };
  contactId: string;
  workspaceId: string;
  workflowDefinition: { id: string; name: string } & FlowDefinition;
}

export function buildMetadata(input: {
  isTest: boolean;
  contact: { id: string; name: string; email: string | null; phone: string | null; tags: string[] };
  reason: EnrollmentReason;
  source: string;
  initiatedBy: string;
  workspaceId: string;
  flow: { id: string; name: string; definition: FlowDefinition };
}): ExecutionMetadata {
  return {
    isTest: input.isTest,
    contact: {
      id: input.contact.id,
      name: input.contact.name,
      email: input.contact.email,
      phone: input.contact.phone,
      // The seed stores tags as a JSON string inside the snapshot.
      tags: JSON.stringify(input.contact.tags),
    },
    trigger: {
      type: input.reason,
      source: input.source,
      workflow_id: input.flow.id,
      initiated_by: input.initiatedBy,
    },
    contactId: input.contact.id,
    workspaceId: input.workspaceId,
    workflowDefinition: {
      id: input.flow.id,
      name: input.flow.name,
      nodes: input.flow.definition.nodes,
      edges: input.flow.definition.edges,
    },
  };
}
