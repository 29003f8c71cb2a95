import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { useErrorMessage } from "../api/useErrorText";
import type { Me } from "../api/types";
import { homeOf, useAuth } from "../auth/AuthContext";
import { mayOpen } from "../nav";
import { PrefsControls } from "../layout/Shell";

export default function Login() {
  const { t } = useTranslation();
  const { login, user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const message = useErrorMessage();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;
  // Back to the page the session expired on, when this user may open it.
  const target = (me: Me) => (from !== undefined && mayOpen(me.role, from) ? from : homeOf(me.role));

  if (user) return <Navigate to={target(user)} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await login(username.trim(), password);
      navigate(target(me), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} maw="100%">
        <form onSubmit={submit} aria-label={t("login.title")}>
          <Stack>
            <Title order={2}>{t("appName")}</Title>
            <Text c="dimmed" size="sm">
              {t("login.subtitle")}
            </Text>
            <TextInput label={t("login.username")} value={username} onChange={(e) => setUsername(e.currentTarget.value)} autoComplete="username" required autoFocus />
            <PasswordInput
              label={t("login.password")}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
              required
              error={error ? message(error) : undefined}
            />
            <Button type="submit" loading={busy}>
              {t("login.submit")}
            </Button>
            <PrefsControls />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
