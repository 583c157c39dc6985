import { LogoutOutlined, TeamOutlined } from "@ant-design/icons";
import { useGetIdentity, useLogout } from "@refinedev/core";
import { Button, Layout, Space, Tag, Typography, theme } from "antd";
import type { CSSProperties } from "react";
import { useWorkspaces } from "../workspaces.ts";

// The zone `DateTime` formats in: the browser's own.
const viewerTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * A header for Refine's `ThemedLayout` (`<ThemedLayout Header={WorkspaceHeader}>`): who is
 * signed in, the workspaces they see (RLS returns only their own), the zone times are shown
 * in, and sign-out.
 */
export function WorkspaceHeader({ sticky }: { sticky?: boolean }) {
  const { token } = theme.useToken();
  const { data: user } = useGetIdentity<{ email?: string; name?: string }>();
  const { result: workspaces } = useWorkspaces();
  const { mutate: logout, isPending: signingOut } = useLogout();

  const style: CSSProperties = {
    backgroundColor: token.colorBgElevated,
    display: "flex",
    justifyContent: "flex-end",
    alignItems: "center",
    padding: "0 24px",
    height: 64,
    ...(sticky ? { position: "sticky", top: 0, zIndex: 1 } : {}),
  };

  return (
    <Layout.Header style={style}>
      <Space size="middle">
        <Typography.Text type="secondary">Times in {viewerTimeZone}</Typography.Text>
        <Space size={4} aria-label="Workspace">
          {workspaces.data.map((workspace) => (
            <Tag key={workspace.id} icon={<TeamOutlined />} color="blue">
              {workspace.name}
            </Tag>
          ))}
        </Space>
        {user?.email ? <Typography.Text strong>{user.email}</Typography.Text> : null}
        <Button icon={<LogoutOutlined />} loading={signingOut} onClick={() => logout()}>
          Sign out
        </Button>
      </Space>
    </Layout.Header>
  );
}
