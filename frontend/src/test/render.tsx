/** Render a component inside the app's providers (Mantine, Query, prefs, router) for Vitest. */
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { PrefsProvider } from "../prefs";

export function renderWithProviders(ui: ReactElement, { route = "/" }: { route?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <PrefsProvider>
          <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
        </PrefsProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}
