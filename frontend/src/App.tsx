import { Suspense, lazy, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes, useLocation } from "react-router";
import type { Role } from "./api/types";
import { homeOf, useAuth } from "./auth/AuthContext";
import { Empty, Loading } from "./components/states";
import Shell from "./layout/Shell";
import { PUBLIC_SCREENS, SCREENS } from "./nav";
import Login from "./pages/Login";

const pages = new Map([...SCREENS, ...PUBLIC_SCREENS].map((s) => [s.path, lazy(s.page)]));

function Page({ path }: { path: string }) {
  const Component = pages.get(path);
  return Component ? <Component /> : null;
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user || !roles.includes(user.role)) return <Empty>{t("forbidden")}</Empty>;
  return <>{children}</>;
}

function Home() {
  const { user } = useAuth();
  return <Navigate to={user ? homeOf(user.role) : "/login"} replace />;
}

export default function App() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path="/login" element={<Login />} />
      {PUBLIC_SCREENS.map((screen) => (
        <Route
          key={screen.path}
          path={screen.path}
          element={
            <Suspense fallback={<Loading />}>
              <Page path={screen.path} />
            </Suspense>
          }
        />
      ))}
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        {SCREENS.map((screen) => (
          <Route
            key={screen.path}
            path={screen.path}
            element={
              <RequireRole roles={screen.roles}>
                <Page path={screen.path} />
              </RequireRole>
            }
          />
        ))}
        <Route path="*" element={<Empty>{t("notFound")}</Empty>} />
      </Route>
    </Routes>
  );
}
