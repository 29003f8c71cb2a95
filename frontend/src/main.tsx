import "@mantine/core/styles.css";
import "./fonts.css";
import "./i18n";
import { MantineProvider, createTheme } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { ApiError } from "./api/errors";
import App from "./App";
import { AuthProvider } from "./auth/AuthContext";
import { PrefsProvider } from "./prefs";

const theme = createTheme({
  fontFamily: "Sarabun, sans-serif",
  headings: { fontFamily: "Sarabun, sans-serif" },
  primaryColor: "indigo",
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused request (4xx) will not succeed by asking again; a network failure may.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <PrefsProvider>
          <BrowserRouter>
            <AuthProvider>
              <App />
            </AuthProvider>
          </BrowserRouter>
        </PrefsProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
