import { Spin } from "antd";
import { lazy, type ReactNode, Suspense } from "react";
import { Route } from "react-router";

// Each page is its own chunk: the login and the first page load only what they show.
const FlowList = lazy(() => import("./pages/flows/list.tsx").then((m) => ({ default: m.FlowList })));
const FlowShow = lazy(() => import("./pages/flows/show.tsx").then((m) => ({ default: m.FlowShow })));
const ExecutionList = lazy(() => import("./pages/executions/list.tsx").then((m) => ({ default: m.ExecutionList })));
const ExecutionLogList = lazy(() =>
  import("./pages/executions/list.tsx").then((m) => ({ default: m.ExecutionLogList })),
);
const ExecutionShow = lazy(() => import("./pages/executions/show.tsx").then((m) => ({ default: m.ExecutionShow })));
const ContactList = lazy(() => import("./pages/contacts/list.tsx").then((m) => ({ default: m.ContactList })));
const ContactShow = lazy(() => import("./pages/contacts/show.tsx").then((m) => ({ default: m.ContactShow })));
const OutboxList = lazy(() => import("./pages/outbox/list.tsx").then((m) => ({ default: m.OutboxList })));

function page(element: ReactNode) {
  return <Suspense fallback={<Spin style={{ display: "block", margin: 48 }} />}>{element}</Suspense>;
}

/**
 * The plugin's routes, to be placed inside the host app's authenticated layout route:
 * `<Route element={<Layout />}>{flowAdminRoutes()}</Route>`.
 */
export function flowAdminRoutes() {
  return [
    <Route key="flows" path="/flows" element={page(<FlowList />)} />,
    <Route key="flow" path="/flows/:id" element={page(<FlowShow />)} />,
    <Route key="executions" path="/executions" element={page(<ExecutionList />)} />,
    <Route key="execution" path="/executions/:id" element={page(<ExecutionShow />)} />,
    <Route key="logs" path="/execution-logs" element={page(<ExecutionLogList />)} />,
    <Route key="contacts" path="/contacts" element={page(<ContactList />)} />,
    <Route key="contact" path="/contacts/:id" element={page(<ContactShow />)} />,
  ];
}

/** The route of `outboxResource` (local mode only), placed like `flowAdminRoutes()`. */
export function outboxRoutes() {
  return [<Route key="outbox" path="/outbox" element={page(<OutboxList />)} />];
}
