import { Route } from "react-router";
import { ExecutionList, ExecutionLogList } from "./pages/executions/list.tsx";
import { ExecutionShow } from "./pages/executions/show.tsx";
import { FlowList } from "./pages/flows/list.tsx";
import { FlowShow } from "./pages/flows/show.tsx";

/**
 * The plugin's routes, to be placed inside the host app's authenticated layout route:
 * `<Route element={<Layout />}>{flowAdminRoutes()}</Route>`.
 */
export function flowAdminRoutes() {
  return [
    <Route key="flows" path="/flows" element={<FlowList />} />,
    <Route key="flow" path="/flows/:id" element={<FlowShow />} />,
    <Route key="executions" path="/executions" element={<ExecutionList />} />,
    <Route key="execution" path="/executions/:id" element={<ExecutionShow />} />,
    <Route key="logs" path="/execution-logs" element={<ExecutionLogList />} />,
  ];
}
