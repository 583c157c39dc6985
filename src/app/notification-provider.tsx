import type { NotificationProvider } from "@refinedev/core";
import { App, Button } from "antd";

/**
 * Refine's notifications as antd App notifications, shown as @refinedev/antd's
 * useNotificationProvider shows them (the text as the description, under its title), without
 * that provider's undo countdown ring: the admin's mutations are pessimistic, so Refine never
 * asks for one, and the ring (antd Progress) would add about 5 KB gzipped to every page. An
 * undoable notification still says what is pending, with Undo, until Refine closes it.
 */
export function useAdminNotificationProvider(): NotificationProvider {
  const { notification } = App.useApp();
  return {
    open: ({ key, message, description, type, cancelMutation }) => {
      if (type === "progress") {
        const undo = () => {
          cancelMutation?.();
          if (key) notification.destroy(key);
        };
        notification.open({
          key,
          message,
          duration: 0,
          actions: (
            <Button size="small" onClick={undo}>
              Undo
            </Button>
          ),
        });
        return;
      }
      notification.open({ key, type, message: description ?? null, description: message });
    },
    close: (key) => notification.destroy(key),
  };
}
