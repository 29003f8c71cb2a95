/** API keys of other systems: list, create (the secret is shown once), revoke. */
import { Badge, Button, Checkbox, Code, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { intake, must } from "../../api/client";
import { useAgencies, useNamer } from "../../api/reference";
import type { IntakeSchemas } from "../../api/types";
import { useErrorText } from "../../api/useErrorText";
import { AppModal } from "../../components/AppModal";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/states";
import { useFormat } from "../../format";
import { useActorName } from "../../api/actors";
import { AdminForm, AgencySelect, ConfirmModal, SecretModal } from "./shared";

type Scope = IntakeSchemas["Scope"];
type ApiKey = IntakeSchemas["ApiKeyOut"];

export const SCOPES: readonly Scope[] = [
  "complaints:read",
  "complaints:write",
  "events:write",
  "attachments:write",
  "surveys:write",
  "contact:read",
];
const FIELDS = ["name", "agency", "scopes"] as const;

/** i18next reads ':' as a namespace separator, so scope keys use '_'. */
const scopeKey = (scope: string) => `apiKeys.scope.${scope.replace(":", "_")}`;

function CreateKeyForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (key: IntakeSchemas["ApiKeyCreated"]) => void }) {
  const { t } = useTranslation(["admin", "common"]);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [agency, setAgency] = useState<string | null>(null);
  const [scopes, setScopes] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () => must(intake.POST("/v1/api-keys", { body: { name: name.trim(), agency: agency ?? "", scopes: scopes as Scope[] } })),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ["api-keys"] });
      onCreated(created);
    },
  });

  return (
    <AdminForm
      onSubmit={() => create.mutate()}
      submitLabel={t("apiKeys.create")}
      busy={create.isPending}
      error={create.error}
      fields={FIELDS}
      onCancel={onCancel}
    >
      <TextInput
        label={t("apiKeys.name")}
        description={t("apiKeys.nameHint")}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errorText(create.error, "name")}
        required
        data-autofocus
      />
      <AgencySelect
        label={t("apiKeys.agency")}
        description={t("apiKeys.agencyHint")}
        value={agency}
        onChange={setAgency}
        error={errorText(create.error, "agency")}
        required
      />
      <Checkbox.Group label={t("apiKeys.scopes")} value={scopes} onChange={setScopes} error={errorText(create.error, "scopes")} withAsterisk>
        <Stack gap={6} mt="xs">
          {SCOPES.map((scope) => (
            <Checkbox
              key={scope}
              value={scope}
              label={
                <span>
                  <Code>{scope}</Code> {t(scopeKey(scope))}
                </span>
              }
            />
          ))}
        </Stack>
      </Checkbox.Group>
    </AdminForm>
  );
}

function KeyTable({ keys }: { keys: ApiKey[] }) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const agencies = useAgencies();
  const agencyName = useNamer(agencies.data);
  const actor = useActorName(keys.map((k) => k.created_by));
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  // The secret lives only here, only until the modal closes: it is never put in the query cache.
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  // Newest first; the server lists oldest first.
  const sorted = [...keys].sort((a, b) => b.created_at.localeCompare(a.created_at));

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("apiKeys.count", { n: format.number(keys.length), active: format.number(keys.filter((k) => k.active).length) })}
        </Text>
        <Button onClick={() => setCreating(true)}>{t("apiKeys.create")}</Button>
      </Group>
      <DataTable
        striped
        highlightOnHover
        aria-label={t("apiKeys.tableLabel")}
        minWidth={1240}
        columns={[
          t("apiKeys.name"),
          t("apiKeys.prefix"),
          t("apiKeys.agency"),
          t("apiKeys.scopes"),
          t("apiKeys.created"),
          t("apiKeys.lastUsed"),
          t("status"),
          t("actions"),
        ]}
        rows={sorted}
        empty={t("apiKeys.none")}
      >
        {(key) => (
          <Table.Tr key={key.id} data-testid={`api-key-${key.prefix}`} opacity={key.active ? 1 : 0.6}>
            <Table.Td>{key.name}</Table.Td>
            <Table.Td>
              <Code>{`rtk_${key.prefix}_…`}</Code>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{agencyName(key.agency)}</Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {key.agency}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {key.scopes.map((scope) => (
                  <Badge key={scope} variant="outline" tt="none" title={t(scopeKey(scope), { defaultValue: scope })}>
                    {scope}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{format.dateTime(key.created_at)}</Text>
              <Text size="xs" c="dimmed">
                {actor(key.created_by)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={key.last_used_at ? undefined : "dimmed"}>
                {key.last_used_at ? format.dateTime(key.last_used_at) : t("apiKeys.neverUsed")}
              </Text>
            </Table.Td>
            <Table.Td>
              {key.active ? (
                <Badge color="green" variant="light" miw="max-content">
                  {t("apiKeys.active")}
                </Badge>
              ) : (
                <Stack gap={0}>
                  <Badge color="red" variant="light" miw="max-content">
                    {t("apiKeys.revoked")}
                  </Badge>
                  {key.revoked_at && (
                    <Text size="xs" c="dimmed">
                      {format.dateTime(key.revoked_at)}
                    </Text>
                  )}
                </Stack>
              )}
            </Table.Td>
            <Table.Td>
              {key.active && (
                <Button
                  size="compact-sm"
                  color="red"
                  variant="light"
                  onClick={() => setRevoking(key)}
                  aria-label={t("apiKeys.revokeOf", { name: key.name })}
                >
                  {t("apiKeys.revoke")}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      </DataTable>
      <AppModal opened={creating} onClose={() => setCreating(false)} title={t("apiKeys.createTitle")} size="lg">
        {creating && (
          <CreateKeyForm
            onCancel={() => setCreating(false)}
            onCreated={(created) => {
              setCreating(false);
              setSecret(created.key);
            }}
          />
        )}
      </AppModal>
      <SecretModal
        secret={secret}
        title={t("apiKeys.secretTitle")}
        warning={t("apiKeys.secretWarning")}
        testId="api-key-secret"
        onClose={() => setSecret(null)}
      />
      <ConfirmModal
        item={revoking}
        title={t("apiKeys.revokeTitle")}
        confirmLabel={t("apiKeys.revokeConfirm")}
        action={(key) => must(intake.DELETE("/v1/api-keys/{key_id}", { params: { path: { key_id: key.id } } }))}
        onDone={() => queryClient.invalidateQueries({ queryKey: ["api-keys"] })}
        onClose={() => setRevoking(null)}
      >
        {(key) => <Text>{t("apiKeys.revokeText", { name: key.name, prefix: key.prefix })}</Text>}
      </ConfirmModal>
    </Stack>
  );
}

export default function ApiKeys() {
  const { t } = useTranslation("admin");
  const keys = useQuery({ queryKey: ["api-keys"], queryFn: () => must(intake.GET("/v1/api-keys")) });
  return (
    <Stack>
      <Title order={2}>{t("apiKeys.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("apiKeys.intro")}
      </Text>
      <QueryState query={keys}>{(list) => <KeyTable keys={list} />}</QueryState>
    </Stack>
  );
}
