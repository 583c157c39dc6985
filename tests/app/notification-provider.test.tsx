// @vitest-environment jsdom
import { Refine, useNotification } from "@refinedev/core";
import { dataProvider } from "@refinedev/supabase";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { useEffect } from "react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useAdminNotificationProvider } from "../../src/app/notification-provider.tsx";
import { anonClient } from "../support/clients.ts";
import { installBrowserStubs } from "../support/jsdom.ts";

beforeAll(installBrowserStubs);
afterEach(cleanup);

function Notify({ params }: { params: Parameters<ReturnType<typeof useNotification>["open"] & object>[0] }) {
  const { open } = useNotification();
  useEffect(() => open?.(params), [open, params]);
  return null;
}

function renderNotifying(params: Parameters<typeof Notify>[0]["params"]) {
  return render(
    <App>
      <Refine
        dataProvider={dataProvider(anonClient())}
        notificationProvider={useAdminNotificationProvider}
        options={{ disableTelemetry: true }}
      >
        <Notify params={params} />
      </Refine>
    </App>,
  );
}

describe("the admin's notification provider", () => {
  it("shows Refine's error with its description as the title and its message beneath", async () => {
    renderNotifying({
      key: "e",
      type: "error",
      message: "permission denied for table flows",
      description: "Error (status code: 403)",
    });
    const notice = await screen.findByText("permission denied for table flows");
    expect(notice.closest(".ant-notification-notice-error")).not.toBeNull();
    expect(screen.getByText("Error (status code: 403)")).toBeTruthy();
  });

  it("offers Undo for an undoable mutation, which cancels it and closes the notification", async () => {
    const cancelMutation = vi.fn();
    renderNotifying({ key: "u", type: "progress", message: "Deleting…", cancelMutation, undoableTimeout: 5 });
    await screen.findByText("Deleting…");
    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(cancelMutation).toHaveBeenCalledOnce();
    await waitFor(() => expect(screen.queryByText("Deleting…")).toBeNull());
  });
});
