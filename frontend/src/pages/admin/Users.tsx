/** The users: who they are, their role and agency, whether they may log in, when they last did;
 * add one (a generated password is shown once) and change role, agency, status or password. */
import { Button, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { intake, must } from "../../api/client";
import type { Me, Role } from "../../api/types";
import { AppModal } from "../../components/AppModal";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/states";
import { useFormat } from "../../format";
import { ActiveBadge, SecretModal } from "./shared";
import { ROLES, UserForm } from "./UserForm";

/** Users whose username, name or agency contains the text, and who have the role (when chosen). */
export function filterUsers(users: readonly Me[], text: string, role: Role | null): Me[] {
  const query = text.trim().toLowerCase();
  return users.filter((u) => {
    if (role !== null && u.role !== role) return false;
    if (query === "") return true;
    const haystack = `${u.username} ${u.display_name} ${u.agency.code} ${u.agency.name_th} ${u.agency.name_en ?? ""}`.toLowerCase();
    return haystack.includes(query);
  });
}

function UserTable({ users }: { users: Me[] }) {
  const { t, i18n } = useTranslation(["admin", "common"]);
  const format = useFormat();
  const [text, setText] = useState("");
  const [role, setRole] = useState<Role | null>(null);
  const deferredText = useDeferredValue(text);
  const [editing, setEditing] = useState<Me | "new" | null>(null);
  const [password, setPassword] = useState<{ username: string; password: string } | null>(null);
  const shown = useMemo(() => filterUsers(users, deferredText, role), [users, deferredText, role]);
  const english = i18n.language === "en";

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <TextInput
            label={t("users.filter")}
            placeholder={t("users.filterPlaceholder")}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={320}
            type="search"
          />
          <Select
            label={t("users.filterRole")}
            placeholder={t("users.anyRole")}
            data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`, { ns: "common" }) }))}
            value={role}
            onChange={(value) => setRole(value as Role | null)}
            clearable
            w={220}
          />
        </Group>
        <Button onClick={() => setEditing("new")}>{t("users.add")}</Button>
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {t("users.shown", { shown: format.number(shown.length), total: format.number(users.length) })}
      </Text>
      <DataTable
        striped
        highlightOnHover
        aria-label={t("users.tableLabel")}
        minWidth={1000}
        columns={[
          t("users.username"),
          t("users.displayName"),
          t("users.role"),
          t("users.agency"),
          t("status"),
          t("users.lastLogin"),
          t("actions"),
        ]}
        rows={shown}
        empty={t("users.noMatch")}
      >
        {(user) => (
          <Table.Tr key={user.username} data-testid={`user-${user.username}`}>
            <Table.Td ff="monospace" style={{ whiteSpace: "nowrap" }}>
              {user.username}
            </Table.Td>
            <Table.Td c={user.active ? undefined : "dimmed"}>{user.display_name}</Table.Td>
            <Table.Td>{t(`role.${user.role}`, { ns: "common" })}</Table.Td>
            <Table.Td>
              <Text size="sm">{english && user.agency.name_en ? user.agency.name_en : user.agency.name_th}</Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {user.agency.code}
              </Text>
            </Table.Td>
            <Table.Td>
              <ActiveBadge active={user.active} />
            </Table.Td>
            <Table.Td>{user.last_login_at ? format.dateTime(user.last_login_at) : t("users.never")}</Table.Td>
            <Table.Td>
              <Button
                size="compact-sm"
                variant="light"
                onClick={() => setEditing(user)}
                aria-label={t("users.editOf", { name: user.username })}
              >
                {t("edit")}
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      </DataTable>
      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? t("users.addTitle") : t("users.editTitle", { name: editing?.username ?? "" })}
        size="lg"
      >
        {editing !== null && (
          <UserForm
            key={editing === "new" ? "new" : editing.username}
            user={editing === "new" ? null : editing}
            onCancel={() => setEditing(null)}
            onUpdated={() => setEditing(null)}
            onCreated={(created) => {
              setEditing(null);
              if (created.password) setPassword({ username: created.username, password: created.password });
            }}
          />
        )}
      </AppModal>
      <SecretModal
        secret={password?.password ?? null}
        title={t("users.passwordTitle", { name: password?.username ?? "" })}
        warning={t("users.passwordWarning")}
        testId="user-password"
        onClose={() => setPassword(null)}
      />
    </Stack>
  );
}

export default function Users() {
  const { t } = useTranslation("admin");
  const users = useQuery({ queryKey: ["users"], queryFn: () => must(intake.GET("/v1/users")) });
  return (
    <Stack>
      <Title order={2}>{t("users.title")}</Title>
      <QueryState query={users}>{(list) => <UserTable users={list} />}</QueryState>
    </Stack>
  );
}
