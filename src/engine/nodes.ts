import type { FlowNode, NodeOf } from "../domain/flow-definition.ts";
import type { ContactSnapshot, EnginePorts, LoadedExecution, SentMessage } from "./ports.ts";
import { renderTemplate } from "./template.ts";

export interface NodeContext {
  execution: LoadedExecution;
  contact: ContactSnapshot;
  idempotencyKey: string;
  ports: EnginePorts;
}

/** A node's effect failed in a way the user must see (bad address, provider refusal…). */
export class NodeFailure extends Error {}

/** Runs one non-delay node's effect and returns its step result. */
export async function executeNode(node: FlowNode, ctx: NodeContext): Promise<Record<string, unknown>> {
  switch (node.type) {
    case "trigger": {
      const { trigger } = ctx.execution.metadata;
      return { type: trigger.type, source: trigger.source, initiatedBy: trigger.initiated_by };
    }
    case "send_email":
      return sendEmail(node, ctx);
    case "send_sms":
      return sendSms(node, ctx);
    case "condition":
      return evaluateCondition(node, ctx.contact);
    case "add_tag":
    case "remove_tag":
      return changeTag(node, ctx);
    case "webhook":
      return callWebhook(node, ctx);
    case "exit":
      return { exited: true };
    case "delay":
      throw new Error("delay nodes are handled by the interpreter, not executed");
    default: {
      const unknown: never = node;
      throw new NodeFailure(`unknown node type ${(unknown as FlowNode).type}`);
    }
  }
}

/** Who a message goes to: the node's own `to` (a template), else the contact's address. */
function recipient(configured: string | undefined, ctx: NodeContext, fallback: string | null, missing: string): string {
  const to = configured ? renderTemplate(configured, ctx.contact) : fallback;
  if (!to) throw new NodeFailure(missing);
  return to;
}

/** The fields every outgoing message carries, the idempotency key among them. */
function envelope(node: FlowNode, ctx: NodeContext, to: string) {
  return {
    workspaceId: ctx.execution.workspaceId,
    executionId: ctx.execution.id,
    nodeId: node.id,
    to,
    idempotencyKey: ctx.idempotencyKey,
  };
}

/** A send's step result, in the seed's shape (success, to, …, messageId, sentAt, provider). */
function delivered(ctx: NodeContext, to: string, content: Record<string, string>, sent: SentMessage) {
  return {
    success: true,
    to,
    ...content,
    messageId: sent.messageId,
    sentAt: ctx.ports.now().toISOString(),
    provider: sent.provider,
  };
}

async function sendEmail(node: NodeOf<"send_email">, ctx: NodeContext) {
  const to = recipient(node.config.to, ctx, ctx.contact.email, "the contact has no email address");
  const subject = renderTemplate(node.config.subject, ctx.contact);
  const body = renderTemplate(node.config.body, ctx.contact);
  const sent = await ctx.ports.messenger.sendEmail({ ...envelope(node, ctx, to), subject, body });
  return delivered(ctx, to, { subject }, sent);
}

async function sendSms(node: NodeOf<"send_sms">, ctx: NodeContext) {
  const to = recipient(node.config.to, ctx, ctx.contact.phone, "the contact has no phone number");
  const body = renderTemplate(node.config.body, ctx.contact);
  const sent = await ctx.ports.messenger.sendSms({ ...envelope(node, ctx, to), body });
  return delivered(ctx, to, { body }, sent);
}

export function evaluateCondition(node: NodeOf<"condition">, contact: ContactSnapshot) {
  const { field, operator, value = "" } = node.config;
  const actual = field === "tags" ? contact.tags : (contact[field] ?? "");
  const has = (needle: string) =>
    Array.isArray(actual) ? actual.includes(needle) : actual.toLowerCase().includes(needle.toLowerCase());
  const equals = (expected: string) =>
    Array.isArray(actual)
      ? actual.length === 1 && actual[0] === expected
      : actual.toLowerCase() === expected.toLowerCase();
  const isSet = Array.isArray(actual) ? actual.length > 0 : actual !== "";
  const matched = {
    contains: () => has(value),
    not_contains: () => !has(value),
    equals: () => equals(value),
    not_equals: () => !equals(value),
    is_set: () => isSet,
    is_not_set: () => !isSet,
  }[operator]();
  return { branch: matched ? "yes" : "no", field, operator, value, actual };
}

async function changeTag(node: NodeOf<"add_tag"> | NodeOf<"remove_tag">, ctx: NodeContext) {
  const contactId = ctx.contact.id;
  if (!contactId) throw new NodeFailure("the contact no longer exists");
  const add = node.type === "add_tag" ? [node.config.tag] : [];
  const remove = node.type === "remove_tag" ? [node.config.tag] : [];
  const tags = await ctx.ports.store.setTags(contactId, add, remove);
  ctx.contact.tags = tags;
  return { success: true, tag: node.config.tag, tags };
}

async function callWebhook(node: NodeOf<"webhook">, ctx: NodeContext) {
  const began = performance.now();
  const { status } = await ctx.ports.webhooks.post({
    url: node.config.url,
    timeoutMs: node.config.timeoutMs,
    idempotencyKey: ctx.idempotencyKey,
    body: {
      executionId: ctx.execution.id,
      flowId: ctx.execution.flowId,
      nodeId: node.id,
      contact: ctx.contact,
      isTest: ctx.execution.metadata.isTest,
    },
  });
  const durationMs = Math.round(performance.now() - began);
  if (status >= 400) throw new NodeFailure(`webhook answered HTTP ${status}`);
  return { success: true, url: node.config.url, status, durationMs };
}
