/** Loading, empty and error states, the same everywhere. */
import { Alert, Button, Center, Group, Loader, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import { useErrorMessage } from "../api/useErrorText";

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label ?? t("loading")}</Text>
      </Group>
    </Center>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Text c="dimmed">{children ?? t("empty")}</Text>
    </Center>
  );
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <Alert color="red" title={t("error.title")} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message(error)}</Text>
        {code && (
          <Text size="xs" c="dimmed">
            {code}
          </Text>
        )}
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry} w="fit-content">
            {t("retry")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** Renders loading / error / empty for a query, else the children with its data. */
export function QueryState<T>({
  query,
  empty,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  empty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data as T;
  if (empty?.(data)) return <Empty />;
  return <>{children(data)}</>;
}
