import { AuthPage, ErrorComponent, RefineThemes, ThemedLayout, useNotificationProvider } from "@refinedev/antd";
import { Authenticated, Refine } from "@refinedev/core";
import routerProvider, { CatchAllNavigate, NavigateToResource } from "@refinedev/react-router";
import { dataProvider } from "@refinedev/supabase";
import { App as AntdApp, ConfigProvider } from "antd";
import { BrowserRouter, Outlet, Route, Routes } from "react-router";
import "@refinedev/antd/dist/reset.css";
import {
  createAdminSupabaseClient,
  createAuthProvider,
  FLOW_ADMIN_DATA_PROVIDER,
  FlowAdminProvider,
  flowAdminResources,
  flowAdminRoutes,
  SUPABASE_ANON_KEY,
  SUPABASE_URL,
} from "../admin/index.ts";

const supabase = createAdminSupabaseClient();
const flowAdminData = dataProvider(supabase);

/** The standalone admin: a plain Refine app that mounts the plugin and nothing else. */
export function App() {
  return (
    <BrowserRouter>
      <ConfigProvider theme={RefineThemes.Blue}>
        <AntdApp>
          <FlowAdminProvider supabase={supabase} apiUrl={SUPABASE_URL} anonKey={SUPABASE_ANON_KEY}>
            <Refine
              dataProvider={{ default: flowAdminData, [FLOW_ADMIN_DATA_PROVIDER]: flowAdminData }}
              authProvider={createAuthProvider(supabase)}
              routerProvider={routerProvider}
              notificationProvider={useNotificationProvider}
              resources={flowAdminResources}
              options={{ syncWithLocation: true, disableTelemetry: true, title: { text: "Flow executions" } }}
            >
              <Routes>
                <Route
                  element={
                    <Authenticated key="admin" fallback={<CatchAllNavigate to="/login" />}>
                      <ThemedLayout>
                        <Outlet />
                      </ThemedLayout>
                    </Authenticated>
                  }
                >
                  <Route index element={<NavigateToResource resource="flows" />} />
                  {flowAdminRoutes()}
                  <Route path="*" element={<ErrorComponent />} />
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
                      <AuthPage
                        type="login"
                        title="Flow executions"
                        rememberMe={false}
                        forgotPasswordLink={false}
                        registerLink={false}
                      />
                    }
                  />
                </Route>
              </Routes>
            </Refine>
          </FlowAdminProvider>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}
