/** Pieces the administrator's screens share: the agency picker, status badges, forms and the errors
 * above them, confirmation and show-once secrets. */
import { Alert, Badge, Button, Code, CopyButton, Group, Select, Stack, Text, type SelectProps, type StackProps } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useMemo, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/errors";
import { useAgencies } from "../../api/reference";
import { useErrorMessage } from "../../api/useErrorText";
import { AppModal } from "../../components/AppModal";

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation("admin");
  return (
    <Badge color={active ? "green" : "gray"} variant="light" miw="max-content">
      {active ? t("active") : t("inactive")}
    </Badge>
  );
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

/** A form of these screens: its fields, the request's error when no field shows it, then Cancel (when
 * `onCancel` is given) and the submit button. */
export function AdminForm({
  label,
  onSubmit,
  submitLabel,
  busy,
  error,
  fields,
  onCancel,
  gap,
  children,
}: {
  /** The form's accessible name (a form in a modal has none: the dialog's title names the dialog). */
  label?: string;
  onSubmit: () => void;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  /** The fields that show their own errors. */
  fields: readonly string[];
  onCancel?: () => void;
  gap?: StackProps["gap"];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap={gap}>
        {children}
        <FormAlert error={error} fields={fields} />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t("cancel")}
            </Button>
          )}
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
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

/** Asks before an action on `item` (open while it is not null): confirmed, the action runs, its error
 * shows here, and once it is done the modal closes and `onDone` follows. */
export function ConfirmModal<T>({
  item,
  title,
  confirmLabel,
  action,
  onDone,
  onClose,
  children,
}: {
  item: T | null;
  title: string;
  confirmLabel: string;
  action: (item: T) => Promise<unknown>;
  onDone: () => Promise<unknown>;
  onClose: () => void;
  /** What the action will do to the item. */
  children: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const run = useMutation({
    mutationFn: action,
    onSuccess: async () => {
      onClose();
      await onDone();
    },
  });
  const close = () => {
    onClose();
    run.reset();
  };
  return (
    <AppModal opened={item !== null} onClose={close} title={title} centered>
      <Stack>
        {item !== null && children(item)}
        <FormAlert error={run.error} fields={[]} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t("cancel")}
          </Button>
          <Button color="red" loading={run.isPending} onClick={() => item !== null && run.mutate(item)}>
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
