/** The signed-in frame: who you are (name, role, agency), language and digits, the menu. */
import { AppShell, Burger, Button, Group, NavLink, ScrollArea, SegmentedControl, Stack, Switch, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from "react-router";
import { useAuth, useUser } from "../auth/AuthContext";
import { Loading } from "../components/states";
import type { Language } from "../i18n";
import { SCREENS } from "../nav";
import { usePrefs } from "../prefs";

export function PrefsControls() {
  const { t } = useTranslation();
  const { language, thaiDigits, update } = usePrefs();
  return (
    <Group gap="sm" wrap="nowrap">
      <SegmentedControl
        size="xs"
        aria-label={t("language")}
        value={language}
        onChange={(value) => update({ language: value as Language })}
        data={[
          { value: "th", label: "ไทย" },
          { value: "en", label: "EN" },
        ]}
      />
      <Switch size="xs" label={t("thaiDigits")} checked={thaiDigits} onChange={(e) => update({ thaiDigits: e.currentTarget.checked })} />
    </Group>
  );
}

export default function Shell() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  // Logging out on purpose: the next person starts at their own home, not at this user's page.
  const logOut = () => {
    logout();
    navigate("/login", { replace: true });
  };
  const agencyName = i18n.language === "en" && user.agency.name_en ? user.agency.name_en : user.agency.name_th;
  const groups = (["work", "oversight", "admin"] as const)
    .map((group) => ({ group, screens: SCREENS.filter((s) => s.inMenu && s.group === group && s.roles.includes(user.role)) }))
    .filter((g) => g.screens.length > 0);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("menu")} />
            <Title order={4}>{t("appName")}</Title>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Stack gap={0} align="flex-end" visibleFrom="sm" data-testid="who">
              <Text size="sm" fw={600}>
                {user.display_name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`role.${user.role}`)} · {agencyName}
              </Text>
            </Stack>
            <PrefsControls />
            <Button variant="subtle" size="xs" onClick={logOut}>
              {t("logout")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("menu")}>
        <ScrollArea>
          {groups.map(({ group, screens }) => (
            <Stack key={group} gap={0} mb="sm">
              <Text size="xs" c="dimmed" px="sm" py={4} tt="uppercase">
                {t(`navGroup.${group}`)}
              </Text>
              {screens.map((screen) => (
                <NavLink
                  key={screen.path}
                  component={RouterLink}
                  to={screen.path}
                  end
                  label={t(`nav.${screen.label}`)}
                  active={location.pathname === screen.path}
                  onClick={close}
                />
              ))}
            </Stack>
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
