/** Add an agency, or rename / move / (de)activate one. */
import { Switch, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { intake, must } from "../../api/client";
import { subtreeOf } from "../../api/reference";
import type { Agency, IntakeSchemas } from "../../api/types";
import { useErrorText } from "../../api/useErrorText";
import { AppModal } from "../../components/AppModal";
import { AdminForm, AgencySelect } from "./shared";

const FIELDS = ["code", "name_th", "name_en", "parent", "active"] as const;

export type AgencyFormTarget = { mode: "create"; parent: string | null } | { mode: "edit"; agency: Agency };

export function AgencyFormModal({
  target,
  agencies,
  onClose,
  onSaved,
}: {
  target: AgencyFormTarget | null;
  agencies: readonly Agency[];
  onClose: () => void;
  onSaved: (agency: Agency) => void;
}) {
  const { t } = useTranslation("admin");
  const title = target?.mode === "edit" ? t("agencies.editTitle", { code: target.agency.code }) : t("agencies.addTitle");
  return (
    <AppModal opened={target !== null} onClose={onClose} title={title} size="lg">
      {target && (
        <AgencyForm
          key={target.mode === "edit" ? target.agency.code : `new-${target.parent ?? ""}`}
          target={target}
          agencies={agencies}
          onCancel={onClose}
          onSaved={onSaved}
        />
      )}
    </AppModal>
  );
}

function AgencyForm({
  target,
  agencies,
  onCancel,
  onSaved,
}: {
  target: AgencyFormTarget;
  agencies: readonly Agency[];
  onCancel: () => void;
  onSaved: (agency: Agency) => void;
}) {
  const { t } = useTranslation(["admin", "common"]);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const editing = target.mode === "edit" ? target.agency : null;
  const [code, setCode] = useState("");
  const [nameTh, setNameTh] = useState(editing?.name_th ?? "");
  const [nameEn, setNameEn] = useState(editing?.name_en ?? "");
  const [parent, setParent] = useState<string | null>(editing ? editing.parent : target.mode === "create" ? target.parent : null);
  const [active, setActive] = useState(editing?.active ?? true);
  // An agency cannot move under itself or below itself.
  const exclude = useMemo(
    () => (editing ? new Set(subtreeOf(agencies, editing.code).map(({ agency }) => agency.code)) : undefined),
    [agencies, editing],
  );

  const save = useMutation({
    mutationFn: async (): Promise<Agency> => {
      if (editing === null) {
        const body: IntakeSchemas["AgencyCreate"] = {
          code: code.trim(),
          name_th: nameTh.trim(),
          name_en: nameEn.trim() || null,
          parent,
        };
        return must(intake.POST("/v1/agencies", { body }));
      }
      const body: IntakeSchemas["AgencyUpdate"] = {};
      if (nameTh.trim() !== editing.name_th) body.name_th = nameTh.trim();
      if ((nameEn.trim() || null) !== editing.name_en) body.name_en = nameEn.trim() || null;
      if (parent !== null && parent !== editing.parent) body.parent = parent;
      if (active !== editing.active) body.active = active;
      return must(intake.PATCH("/v1/agencies/{code}", { params: { path: { code: editing.code } }, body }));
    },
    onSuccess: async (agency) => {
      await queryClient.invalidateQueries({ queryKey: ["agencies"] });
      onSaved(agency);
    },
  });

  return (
    <AdminForm
      onSubmit={() => save.mutate()}
      submitLabel={editing ? t("save", { ns: "common" }) : t("agencies.add")}
      busy={save.isPending}
      error={save.error}
      fields={FIELDS}
      onCancel={onCancel}
    >
      {editing === null ? (
        <TextInput
          label={t("agencies.code")}
          description={t("agencies.codeHint")}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={errorText(save.error, "code")}
          required
          data-autofocus
        />
      ) : (
        <TextInput label={t("agencies.code")} value={editing.code} readOnly variant="filled" />
      )}
      <TextInput
        label={t("agencies.nameTh")}
        value={nameTh}
        onChange={(e) => setNameTh(e.currentTarget.value)}
        error={errorText(save.error, "name_th")}
        required
      />
      <TextInput
        label={t("agencies.nameEn")}
        value={nameEn}
        onChange={(e) => setNameEn(e.currentTarget.value)}
        error={errorText(save.error, "name_en")}
      />
      <AgencySelect
        label={t("agencies.parent")}
        description={editing ? t("agencies.parentMoveHint") : t("agencies.parentHint")}
        value={parent}
        onChange={setParent}
        exclude={exclude}
        clearable={editing === null}
        error={errorText(save.error, "parent")}
      />
      {editing && (
        <Switch
          label={t("agencies.activeLabel")}
          description={t("agencies.activeHint")}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
          error={errorText(save.error, "active")}
        />
      )}
    </AdminForm>
  );
}
