import type { ResourceProps } from "@refinedev/core";
import { Refine } from "@refinedev/core";
import routerProvider from "@refinedev/react-router";
import { dataProvider } from "@refinedev/supabase";
import { render } from "@testing-library/react";
import { App } from "antd";
import type { ReactNode } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { FlowAdminProvider } from "../../src/admin/context.tsx";
import { FLOW_ADMIN_DATA_PROVIDER, flowAdminResources } from "../../src/admin/resources.ts";
import { type Client, stack } from "./clients.ts";

/** The current query string, for tests that check what a page wrote to the URL. */
function LocationProbe() {
  return <output data-testid="location">{useLocation().search}</output>;
}

/** `ui` in a Refine app on the real stack, mounted as the standalone app mounts the plugin. */
export function renderInRefineApp(
  client: Client,
  url: string,
  ui: ReactNode,
  resources: ResourceProps[] = flowAdminResources,
) {
  const provider = dataProvider(client);
  return render(
    <MemoryRouter initialEntries={[url]}>
      <FlowAdminProvider supabase={client} apiUrl={stack.apiUrl} anonKey={stack.anonKey}>
        <App>
          <Refine
            routerProvider={routerProvider}
            dataProvider={{ default: provider, [FLOW_ADMIN_DATA_PROVIDER]: provider }}
            resources={resources}
            options={{
              disableTelemetry: true,
              reactQuery: { clientConfig: { defaultOptions: { queries: { retry: false } } } },
            }}
          >
            {ui}
            <LocationProbe />
          </Refine>
        </App>
      </FlowAdminProvider>
    </MemoryRouter>,
  );
}
