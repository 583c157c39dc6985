import { ThemedLayout, ThemedSider } from "@refinedev/antd";
import { Authenticated, Refine } from "@refinedev/core";
import routerProvider, { CatchAllNavigate, DocumentTitleHandler, NavigateToResource } from "@refinedev/react-router";
import { dataProvider } from "@refinedev/supabase";
import { App as AntdApp, ConfigProvider, Spin } from "antd";
import { type ComponentProps, lazy, Suspense } from "react";
import { BrowserRouter, Outlet, Route, Routes } from "react-router";
import "@refinedev/antd/dist/reset.css";
import {
  createAdminSupabaseClient,
  createAuthProvider,
  FLOW_ADMIN_DATA_PROVIDER,
  FlowAdminProvider,
  flowAdminResources,
  flowAdminRoutes,
  outboxResource,
  outboxRoutes,
  SUPABASE_ANON_KEY,
  SUPABASE_URL,
  WorkspaceHeader,
} from "../admin/index.ts";
import { NotFound } from "../admin/pages/not-found.tsx";
import { useAdminNotificationProvider } from "./notification-provider.tsx";
import { ADMIN_THEME } from "./theme.ts";

const LoginPage = lazy(() => import("./login-page.tsx").then((m) => ({ default: m.LoginPage })));
const TITLE = "Flow executions";

const supabase = createAdminSupabaseClient();
const flowAdminData = dataProvider(supabase);

// Only a local stack captures messages in the outbox (a real project sends them with Resend
// and Twilio), so the page shows when the app talks to loopback, unless VITE_SHOW_OUTBOX says otherwise.
const showOutbox = import.meta.env.VITE_SHOW_OUTBOX
  ? import.meta.env.VITE_SHOW_OUTBOX === "true"
  : ["127.0.0.1", "localhost", "[::1]"].includes(new URL(SUPABASE_URL).hostname);
const resources = showOutbox ? [...flowAdminResources, outboxResource] : flowAdminResources;

/**
 * The browser tab names the page as the menu does, "Contacts · Flow executions", and a record's
 * page by its id too ("#5916e16c · Executions · …"), so several open records can be told apart.
 */
function documentTitle({
  resource,
  action,
  params,
  pathname,
}: {
  resource?: { name?: string; meta?: { label?: string } };
  action?: string;
  params?: { id?: string };
  pathname?: string;
}): string {
  if (!resource?.name) return pathname?.startsWith("/login") ? `Sign in · ${TITLE}` : TITLE;
  const page = `${resource.meta?.label || resource.name} · ${TITLE}`;
  return action === "show" && params?.id ? `#${params.id.slice(0, 8)} · ${page}` : page;
}

// One sign-out control, the header's: the sider lists only the pages.
function Sider(props: ComponentProps<typeof ThemedSider>) {
  return <ThemedSider {...props} render={({ items }) => items} />;
}

/** The standalone admin: a plain Refine app that mounts the plugin and nothing else. */
export function App() {
  return (
    <BrowserRouter>
      <ConfigProvider theme={ADMIN_THEME}>
        <AntdApp>
          <FlowAdminProvider supabase={supabase} apiUrl={SUPABASE_URL} anonKey={SUPABASE_ANON_KEY}>
            <Refine
              dataProvider={{ default: flowAdminData, [FLOW_ADMIN_DATA_PROVIDER]: flowAdminData }}
              authProvider={createAuthProvider(supabase)}
              routerProvider={routerProvider}
              notificationProvider={useAdminNotificationProvider}
              resources={resources}
              options={{ syncWithLocation: true, disableTelemetry: true, title: { text: TITLE } }}
            >
              <Routes>
                <Route
                  element={
                    <Authenticated key="admin" fallback={<CatchAllNavigate to="/login" />}>
                      <ThemedLayout Header={WorkspaceHeader} Sider={Sider}>
                        <Outlet />
                      </ThemedLayout>
                    </Authenticated>
                  }
                >
                  <Route index element={<NavigateToResource resource="flows" />} />
                  {flowAdminRoutes()}
                  {showOutbox ? outboxRoutes() : null}
                  <Route path="*" element={<NotFound />} />
                </Route>
                <Route
                  element={
                    <Authenticated key="login" fallback={<Outlet />}>
                      <NavigateToResource resource="flows" />
                    </Authenticated>
                  }
                >
                  <Route
                    path="/login"
                    element={
                      <Suspense fallback={<Spin style={{ display: "block", margin: 96 }} />}>
                        <LoginPage title={TITLE} />
                      </Suspense>
                    }
                  />
                </Route>
              </Routes>
              <DocumentTitleHandler handler={documentTitle} />
            </Refine>
          </FlowAdminProvider>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}
