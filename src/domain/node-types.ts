/** Every node type the engine runs, and the one place their action labels live. */
export const NODE_TYPES = [
  "trigger",
  "send_email",
  "send_sms",
  "delay",
  "condition",
  "add_tag",
  "remove_tag",
  "webhook",
  "exit",
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const ACTION_LABELS: Record<NodeType, string> = {
  trigger: "Trigger",
  send_email: "Send Email",
  send_sms: "Send SMS",
  delay: "Delay",
  condition: "Condition",
  add_tag: "Add Tag",
  remove_tag: "Remove Tag",
  webhook: "Webhook",
  exit: "Exit",
};

export function isNodeType(value: string): value is NodeType {
  return (NODE_TYPES as readonly string[]).includes(value);
}

/** The label for a node type; a type this version does not know shows its raw name. */
export function actionLabel(type: string): string {
  return isNodeType(type) ? ACTION_LABELS[type] : type;
}
