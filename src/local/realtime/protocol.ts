/**
 * The Phoenix channels wire format, serializer version 2.0.0, as realtime-js speaks it:
 * every text frame is a JSON array `[join_ref, ref, topic, event, payload]`.
 */

export interface PhoenixMessage {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}

export const EVENTS = {
  join: "phx_join",
  leave: "phx_leave",
  reply: "phx_reply",
  close: "phx_close",
  error: "phx_error",
  heartbeat: "heartbeat",
  accessToken: "access_token",
  system: "system",
  postgresChanges: "postgres_changes",
} as const;

export const SOCKET_TOPIC = "phoenix";

/** Parses one text frame; undefined for anything that is not a v2 message. */
export function decodeMessage(text: string): PhoenixMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) return undefined;
  const [joinRef, ref, topic, event, payload] = parsed as unknown[];
  if (typeof topic !== "string" || typeof event !== "string") return undefined;
  return {
    joinRef: typeof joinRef === "string" ? joinRef : null,
    ref: typeof ref === "string" ? ref : null,
    topic,
    event,
    payload:
      payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {},
  };
}

export function encodeMessage(
  joinRef: string | null,
  ref: string | null,
  topic: string,
  event: string,
  payload: unknown,
) {
  return JSON.stringify([joinRef, ref, topic, event, payload]);
}

export function encodeReply(
  request: PhoenixMessage,
  status: "ok" | "error",
  response: Record<string, unknown> = {},
): string {
  return encodeMessage(request.joinRef, request.ref, request.topic, EVENTS.reply, { status, response });
}

/**
 * A postgres_changes push. `data` is the change already serialised once, so fanning one
 * change out to many channels costs one JSON.stringify, not one per channel.
 */
export function encodeChange(joinRef: string, topic: string, bindingIds: number[], data: string): string {
  return `[${JSON.stringify(joinRef)},null,${JSON.stringify(topic)},"${EVENTS.postgresChanges}",{"ids":${JSON.stringify(bindingIds)},"data":${data}}]`;
}

/** Realtime's system messages: "Subscribed to PostgreSQL", token errors, replication gaps. */
export function encodeSystem(
  joinRef: string,
  topic: string,
  body: { status: "ok" | "error"; extension: "postgres_changes" | "system"; message: string },
): string {
  return encodeMessage(joinRef, null, topic, EVENTS.system, { channel: subTopic(topic), ...body });
}

export function subTopic(topic: string): string {
  return topic.replace(/^realtime:/i, "");
}
