import { Route } from "react-router";
import { FlowList } from "./pages/flows/list.tsx";

/**
 * The plugin's routes, to be placed inside the host app's authenticated layout route:
 * `<Route element={<Layout />}>{flowAdminRoutes()}</Route>`.
 */
export function flowAdminRoutes() {
  return [<Route key="flows" path="/flows" element={<FlowList />} />];
}
