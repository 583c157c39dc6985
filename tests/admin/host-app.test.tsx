// @vitest-environment jsdom
import { type BaseRecord, type DataProvider, Refine, useList, useMenu } from "@refinedev/core";
import routerProvider from "@refinedev/react-router";
import { dataProvider } from "@refinedev/supabase";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { App } from "antd";
import { Link, MemoryRouter, Outlet, Route, Routes } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  FLOW_ADMIN_DATA_PROVIDER,
  FlowAdminProvider,
  flowAdminResources,
  flowAdminRoutes,
} from "../../src/admin/index.ts";
import { adminDb, type Client, signedInClient, stack } from "../support/clients.ts";
import { chain, createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import { installBrowserStubs } from "../support/jsdom.ts";

const db = adminDb();
const flowName = `Welcome series ${Math.random().toString(36).slice(2, 8)}`;
let client: Client;

beforeAll(async () => {
  installBrowserStubs();
  const workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  client = await signedInClient(user.email, user.password);
  await createFlow(
    db,
    workspace,
    { nodes: [node.trigger(), node.email("hi")], edges: chain("trigger", "hi") },
    {
      name: flowName,
    },
  );
});
afterEach(cleanup);
afterAll(() => db.end());

/** The host's own default data provider: its orders, in memory. */
function ordersProvider(): DataProvider {
  const orders: BaseRecord[] = [{ id: 1, customer: "Dana Host", total: 42 }];
  const unsupported = () => Promise.reject(new Error("the host's orders are read-only"));
  return {
    getApiUrl: () => "memory://host",
    getList: async ({ resource }) => {
      if (resource !== "orders") throw new Error(`the host has no ${resource}`);
      return { data: orders as never[], total: orders.length };
    },
    getOne: unsupported,
    create: unsupported,
    update: unsupported,
    deleteOne: unsupported,
  };
}

function HostLayout() {
  const { menuItems } = useMenu();
  return (
    <div>
      <nav aria-label="Host menu">
        {menuItems.map((item) => (
          <Link key={item.key} to={item.route ?? "/"}>
            {item.label}
          </Link>
        ))}
      </nav>
      <main>
        <Outlet />
      </main>
    </div>
  );
}

function OrderList() {
  const { result } = useList({ resource: "orders" });
  return (
    <ul>
      {result.data.map((order) => (
        <li key={order.id}>Order of {order.customer}</li>
      ))}
    </ul>
  );
}

/**
 * A different Refine app: its own layout, resource and default provider, with the plugin
 * mounted beside them, as the README shows.
 */
function renderHostApp(hostData: DataProvider) {
  return render(
    <MemoryRouter initialEntries={["/orders"]}>
      <App>
        <FlowAdminProvider supabase={client} apiUrl={stack.apiUrl} anonKey={stack.anonKey}>
          <Refine
            routerProvider={routerProvider}
            dataProvider={{ default: hostData, [FLOW_ADMIN_DATA_PROVIDER]: dataProvider(client) }}
            resources={[{ name: "orders", list: "/orders", meta: { label: "Orders" } }, ...flowAdminResources]}
            options={{ disableTelemetry: true }}
          >
            <Routes>
              <Route element={<HostLayout />}>
                <Route path="/orders" element={<OrderList />} />
                {flowAdminRoutes()}
              </Route>
            </Routes>
          </Refine>
        </FlowAdminProvider>
      </App>
    </MemoryRouter>,
  );
}

describe("the plugin mounted in a host Refine app", () => {
  it("lives beside the host's own resource, each on its own data provider", async () => {
    const hostData = ordersProvider();
    const hostGetList = vi.spyOn(hostData, "getList");
    renderHostApp(hostData);

    await screen.findByText("Order of Dana Host", {}, { timeout: 15_000 });
    const menu = screen.getByRole("navigation", { name: "Host menu" });
    const menuLabels = Array.from(menu.querySelectorAll("a")).map((link) => link.textContent);
    expect(menuLabels).toEqual(["Orders", ...flowAdminResources.map((resource) => resource.meta?.label)]);
    expect(menuLabels).toContain("Flows");

    fireEvent.click(screen.getByText("Flows"));
    await screen.findByText(flowName, {}, { timeout: 15_000 });
    expect(hostGetList.mock.calls.map(([params]) => params.resource)).toEqual(["orders"]);
  });
});
