/** The frame of the complainant's pages: no login, narrow, the language switch at the top. */
import { Container, Group, Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PrefsControls } from "../../layout/Shell";

export function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation("public");
  return (
    <Container size="sm" px="sm" py="md">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="xs" component="header">
          <Stack gap={0}>
            <Text fw={700} size="lg">
              {t("appName", { ns: "common" })}
            </Text>
            <Text size="xs" c="dimmed">
              {t("tagline")}
            </Text>
          </Stack>
          <PrefsControls />
        </Group>
        <Paper withBorder p={{ base: "sm", xs: "lg" }} component="main">
          {children}
        </Paper>
      </Stack>
    </Container>
  );
}
