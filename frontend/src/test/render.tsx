/** Render a component inside the app's providers (Mantine, Query, prefs, router) for Vitest. */
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { setToken } from "../api/client";
import { AuthProvider, useAuth } from "../auth/AuthContext";
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

function SignedIn({ children }: { children: ReactElement }) {
  const { user } = useAuth();
  return user ? children : null;
}

/** Render a screen signed in: the user is who the fake network's `GET /api/intake/v1/me` answers
 * (see `answerSession`). */
export function renderSignedIn(ui: ReactElement, { route = "/" }: { route?: string } = {}) {
  setToken("test-token");
  return renderWithProviders(
    <AuthProvider>
      <SignedIn>{ui}</SignedIn>
    </AuthProvider>,
    { route },
  );
}
