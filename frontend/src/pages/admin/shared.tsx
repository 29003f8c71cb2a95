/** Pieces the administrator's screens share: the agency picker, status badges, errors beside fields
 * and above forms, who did something, confirmation and show-once secrets. */
import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Select, Stack, Text, type ModalProps, type SelectProps } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { intake, must } from "../../api/client";
import { ApiError } from "../../api/errors";
import { useAgencies } from "../../api/reference";
import { useErrorMessage } from "../../api/useErrorText";

export const useUsers = () => useQuery({ queryKey: ["users"], queryFn: () => must(intake.GET("/v1/users")) });

/** Who did something, from the services' actor reference ("user:<id>"): the username when known. */
export function useActorName(): (actor: string) => string {
  const users = useUsers();
  const byId = useMemo(() => new Map((users.data ?? []).map((u) => [`user:${u.id}`, u.username])), [users.data]);
  return (actor) => byId.get(actor) ?? actor;
}

/** Mantine's modal with a named close button (its ✕ has no text of its own). */
export function AppModal(props: ModalProps) {
  const { t } = useTranslation();
  return <Modal closeButtonProps={{ "aria-label": t("close") }} {...props} />;
}

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation("admin");
  return (
    <Badge color={active ? "green" : "gray"} variant="light" miw="max-content">
      {active ? t("active") : t("inactive")}
    </Badge>
  );
}

/** `(error, field)` → what to show beside that field. Like `useErrorText`, but for a validation
 * error (`request.invalid`) only that field's own explanation: the general message names the
 * first offending field, which beside another field would point at the wrong one. */
export function useFieldError() {
  const { i18n } = useTranslation();
  return (error: unknown, field: string): string | undefined => {
    if (!(error instanceof ApiError)) return undefined;
    const match = Object.keys(error.fields).find((f) => f === field || f.startsWith(`${field}.`));
    if (match === undefined) return undefined;
    const english = i18n.language === "en";
    if (error.code !== "request.invalid") return error.message_(i18n.language);
    return (english ? error.fields[match] : error.fieldsTh[match]) ?? error.message_(i18n.language);
  };
}

/** The error of a request when it is not about one of the form's own fields (those show beside the field). */
export function FormAlert({ error, fields }: { error: unknown; fields: readonly string[] }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (!error) return null;
  const aboutAField =
    error instanceof ApiError && Object.keys(error.fields).some((f) => fields.some((mine) => f === mine || f.startsWith(`${mine}.`)));
  if (aboutAField) return null;
  return (
    <Alert color="red" title={t("error.title")} role="alert">
      {message(error)}
    </Alert>
  );
}

type AgencySelectProps = Omit<SelectProps, "data" | "value" | "onChange"> & {
  value: string | null;
  onChange: (code: string | null) => void;
  /** Codes that may not be chosen (an agency cannot move under itself). */
  exclude?: ReadonlySet<string>;
};

/** A searchable choice among the active agencies (and the current one, marked if inactive): type part
 * of the name or the code. */
export function AgencySelect({ value, onChange, exclude, ...props }: AgencySelectProps) {
  const { t, i18n } = useTranslation("admin");
  const agencies = useAgencies();
  const english = i18n.language === "en";
  const data = useMemo(
    () =>
      (agencies.data ?? [])
        .filter((a) => (a.active || a.code === value) && !exclude?.has(a.code))
        .map((a) => {
          const name = english && a.name_en ? a.name_en : a.name_th;
          const inactive = a.active ? "" : ` (${t("inactive")})`;
          return { value: a.code, label: `${name} · ${a.code}${inactive}` };
        }),
    [agencies.data, english, exclude, value, t],
  );
  return (
    <Select
      searchable
      limit={100}
      nothingFoundMessage={t("agency.nothingFound")}
      data={data}
      value={value}
      onChange={(code) => onChange(code)}
      disabled={agencies.isPending}
      {...props}
    />
  );
}

export function ConfirmModal({
  opened,
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        {children}
        <FormAlert error={error} fields={[]} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button color="red" loading={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

/** A secret the server returns only once (an API key, a generated password): shown with a copy
 * button and a warning; closing the modal forgets it. */
export function SecretModal({
  secret,
  title,
  warning,
  testId,
  onClose,
}: {
  secret: string | null;
  title: string;
  warning: string;
  testId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation("admin");
  return (
    <AppModal opened={secret !== null} onClose={onClose} title={title} centered size="lg" closeOnClickOutside={false}>
      <Stack>
        <Alert color="orange" title={t("secret.warningTitle")}>
          {warning}
        </Alert>
        <Code block data-testid={testId} style={{ wordBreak: "break-all", whiteSpace: "pre-wrap", fontSize: "var(--mantine-font-size-md)" }}>
          {secret ?? ""}
        </Code>
        <Group justify="space-between">
          <CopyButton value={secret ?? ""}>
            {({ copied, copy }) => (
              <Button variant="light" color={copied ? "teal" : "indigo"} onClick={copy}>
                {copied ? t("secret.copied") : t("secret.copy")}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t("secret.done")}</Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t("secret.afterClose")}
        </Text>
      </Stack>
    </AppModal>
  );
}
