/** Add a user, or change one's name, role, agency, status or password. */
import { PasswordInput, Select, Switch, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { intake, must } from "../../api/client";
import type { IntakeSchemas, Me, Role } from "../../api/types";
import { useErrorText } from "../../api/useErrorText";
import { AdminForm, AgencySelect } from "./shared";

export const ROLES: readonly Role[] = ["front_desk", "agency_officer", "supervisor", "auditor", "administrator"];
const FIELDS = ["username", "display_name", "role", "agency", "password", "active"] as const;

type UserCreated = IntakeSchemas["UserCreated"];

export function UserForm({
  user,
  onCancel,
  onCreated,
  onUpdated,
}: {
  /** null: a new user. */
  user: Me | null;
  onCancel: () => void;
  onCreated: (created: UserCreated) => void;
  onUpdated: () => void;
}) {
  const { t } = useTranslation(["admin", "common"]);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState(user?.display_name ?? "");
  const [role, setRole] = useState<Role | null>(user?.role ?? null);
  const [agency, setAgency] = useState<string | null>(user?.agency.code ?? null);
  const [active, setActive] = useState(user?.active ?? true);
  const [password, setPassword] = useState("");

  const save = useMutation({
    mutationFn: async (): Promise<UserCreated | Me> => {
      if (user === null) {
        const body = {
          username: username.trim(),
          display_name: displayName.trim(),
          // Left empty, the server says which field is missing, next to it.
          role: (role ?? "") as Role,
          agency: agency ?? "",
          password: password === "" ? null : password,
        };
        return must(intake.POST("/v1/users", { body }));
      }
      const body: IntakeSchemas["UserUpdate"] = {};
      if (displayName.trim() !== user.display_name) body.display_name = displayName.trim();
      if (role !== null && role !== user.role) body.role = role;
      if (agency !== null && agency !== user.agency.code) body.agency = agency;
      if (active !== user.active) body.active = active;
      if (password !== "") body.password = password;
      return must(intake.PATCH("/v1/users/{username}", { params: { path: { username: user.username } }, body }));
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ["users"] });
      if (user === null) onCreated(saved as UserCreated);
      else onUpdated();
    },
  });

  return (
    <AdminForm
      onSubmit={() => save.mutate()}
      submitLabel={user === null ? t("users.add") : t("save", { ns: "common" })}
      busy={save.isPending}
      error={save.error}
      fields={FIELDS}
      onCancel={onCancel}
    >
      {user === null ? (
        <TextInput
          label={t("users.username")}
          description={t("users.usernameHint")}
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={errorText(save.error, "username")}
          autoComplete="off"
          required
          data-autofocus
        />
      ) : (
        <TextInput label={t("users.username")} value={user.username} readOnly variant="filled" />
      )}
      <TextInput
        label={t("users.displayName")}
        value={displayName}
        onChange={(e) => setDisplayName(e.currentTarget.value)}
        error={errorText(save.error, "display_name")}
        required
      />
      <Select
        label={t("users.role")}
        data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`, { ns: "common" }) }))}
        value={role}
        onChange={(value) => setRole(value as Role | null)}
        error={errorText(save.error, "role")}
        allowDeselect={false}
        required
      />
      <AgencySelect label={t("users.agency")} value={agency} onChange={setAgency} error={errorText(save.error, "agency")} required />
      <PasswordInput
        label={user === null ? t("users.password") : t("users.newPassword")}
        description={user === null ? t("users.passwordHint") : t("users.newPasswordHint")}
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={errorText(save.error, "password")}
        autoComplete="new-password"
      />
      {user !== null && (
        <Switch
          label={t("users.activeLabel")}
          description={t("users.activeHint")}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
          error={errorText(save.error, "active")}
        />
      )}
    </AdminForm>
  );
}
