import { MailOutlined, MessageOutlined } from "@ant-design/icons";
import { Tag } from "antd";
import { OUTBOX_CHANNEL_LABELS, type OutboxChannel } from "../../domain/labels.ts";

function channelLook(channel: OutboxChannel) {
  switch (channel) {
    case "email":
      return { color: "blue", icon: <MailOutlined /> };
    case "sms":
      return { color: "purple", icon: <MessageOutlined /> };
    default: {
      const unknown: never = channel;
      return unknown;
    }
  }
}

export function OutboxChannelTag({ channel }: { channel: string }) {
  if (!(channel in OUTBOX_CHANNEL_LABELS)) return <Tag>{channel}</Tag>;
  const known = channel as OutboxChannel;
  return <Tag {...channelLook(known)}>{OUTBOX_CHANNEL_LABELS[known]}</Tag>;
}
