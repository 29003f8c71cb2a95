/** The session: a bearer token from intake's `/v1/auth/token` (accepted by every service) and the
 * user it belongs to (`/v1/me`). */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { fetchApi, getToken, intake, must, onUnauthorized, setToken } from "../api/client";
import type { Me, Role } from "../api/types";

interface Session {
  user: Me | undefined;
  loading: boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => void;
  hasRole: (...roles: Role[]) => boolean;
}

const Context = createContext<Session | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setTokenState] = useState<string | null>(getToken);
  const me = useQuery({
    queryKey: ["me", token],
    queryFn: () => must(intake.GET("/v1/me")),
    enabled: token !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });

  const logout = useCallback(() => {
    setToken(null);
    setTokenState(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => onUnauthorized(logout), [logout]);

  const login = useCallback(
    async (username: string, password: string): Promise<Me> => {
      const form = new URLSearchParams({ username, password, grant_type: "password" });
      const response = await fetchApi("/api/intake/v1/auth/token", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: form,
      });
      const issued = ((await response.json()) as { access_token: string }).access_token;
      setToken(issued);
      queryClient.clear();
      const user = await must(intake.GET("/v1/me"));
      queryClient.setQueryData(["me", issued], user);
      setTokenState(issued);
      return user;
    },
    [queryClient],
  );

  const value = useMemo<Session>(
    () => ({
      user: token === null ? undefined : me.data,
      loading: token !== null && me.isPending,
      login,
      logout,
      hasRole: (...roles: Role[]) => me.data !== undefined && roles.includes(me.data.role),
    }),
    [token, me.data, me.isPending, login, logout],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useAuth(): Session {
  const session = useContext(Context);
  if (session === null) throw new Error("useAuth outside AuthProvider");
  return session;
}

/** The logged-in user; only for screens behind <RequireAuth>. */
export function useUser(): Me {
  const { user } = useAuth();
  if (user === undefined) throw new Error("useUser without a session");
  return user;
}

/** Where each role starts. */
export function homeOf(role: Role): string {
  switch (role) {
    case "front_desk":
      return "/desk/new";
    case "agency_officer":
      return "/work";
    case "supervisor":
    case "auditor":
      return "/dashboard";
    case "administrator":
      return "/admin";
  }
}
