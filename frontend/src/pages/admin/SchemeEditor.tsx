/** A new version of a scheme: its definition as JSON, sent as a new version (never an edit in place). */
import { Alert, Button, Group, List, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { must, scoring } from "../../api/client";
import { ApiError } from "../../api/errors";
import type { ScoringSchemas } from "../../api/types";
import { useErrorMessage } from "../../api/useErrorText";

type SchemeOut = ScoringSchemas["SchemeOut"];

/** Monospace for the JSON, with Sarabun for the Thai letters no monospace font here has. */
export const JSON_FONT = "var(--mantine-font-family-monospace), Sarabun, sans-serif";

// The database keeps JSON keys in its own order; show them in the order the schema reads.
const KEY_ORDER = [
  "code", "key", "rule", "dimension", "name_th", "name_en", "source", "february", "evidence_required", "target_percent",
  "criterion", "measure", "points", "threshold_percent", "due_day", "full_at_percent", "baseline", "target", "weight",
  "mode", "direction", "levels", "deductions", "steps", "ladder",
];

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (typeof value !== "object" || value === null) return value;
  const rank = (key: string) => {
    const i = KEY_ORDER.indexOf(key);
    return i === -1 ? KEY_ORDER.length : i;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((key) => [key, ordered((value as Record<string, unknown>)[key])]));
}

/** A scheme definition as indented JSON, keys in the schema's order. */
export const formatDefinition = (definition: unknown) => JSON.stringify(ordered(definition), null, 2);

/** The server's field errors as (path inside the definition, explanation in the user's language). */
export function fieldProblems(error: ApiError, language: string): { path: string; text: string }[] {
  return Object.entries(error.fields).map(([field, english]) => ({
    path: field.replace(/^definition\.?/, "") || "definition",
    text: language === "en" ? english : (error.fieldsTh[field] ?? english),
  }));
}

export function SchemeEditor({ scheme, onCancel, onSaved }: { scheme: SchemeOut; onCancel: () => void; onSaved: (saved: SchemeOut) => void }) {
  const { t, i18n } = useTranslation(["admin", "common"]);
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => formatDefinition(scheme.definition));
  const [note, setNote] = useState("");
  const [parseError, setParseError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (definition: ScoringSchemas["SchemeDefinition"]) =>
      must(scoring.POST("/v1/schemes", { body: { definition, note: note.trim() || null } })),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ["schemes"] });
      onSaved(saved);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (caught) {
      setParseError(caught instanceof Error ? caught.message : String(caught));
      save.reset();
      return;
    }
    if (typeof definition !== "object" || definition === null || Array.isArray(definition)) {
      setParseError(t("schemes.editor.notObject"));
      save.reset();
      return;
    }
    setParseError(null);
    save.mutate(definition as ScoringSchemas["SchemeDefinition"]);
  }

  const problems = save.error instanceof ApiError ? fieldProblems(save.error, i18n.language) : [];
  const definitionProblems = problems.filter((p) => p.path !== "note");
  const noteProblem = problems.find((p) => p.path === "note");
  const editorError = parseError
    ? t("schemes.editor.badJson", { detail: parseError })
    : save.error && definitionProblems.length > 0
      ? message(save.error)
      : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Alert color="blue" variant="light">
          {t("schemes.editor.explain", { code: scheme.code, version: scheme.version, next: scheme.version + 1 })}
        </Alert>
        <Textarea
          label={t("schemes.editor.definition")}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={editorError}
          rows={20}
          resize="vertical"
          spellCheck={false}
          styles={{ input: { fontFamily: JSON_FONT, fontSize: 13, color: "var(--mantine-color-text)" } }}
          data-testid="scheme-json-editor"
          data-autofocus
        />
        {definitionProblems.length > 0 && (
          <Alert color="red" title={t("schemes.editor.problems")} role="alert" data-testid="scheme-problems">
            <List size="sm" spacing={4}>
              {definitionProblems.map((p) => (
                <List.Item key={p.path}>
                  <Text span ff="monospace" fw={600} size="sm">
                    {p.path}
                  </Text>
                  {" — "}
                  {p.text}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <TextInput
          label={t("schemes.editor.note")}
          description={t("schemes.editor.noteHint")}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={noteProblem?.text}
        />
        {save.error !== null && problems.length === 0 && (
          <Alert color="red" title={t("error.title", { ns: "common" })} role="alert">
            {message(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("cancel", { ns: "common" })}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("schemes.editor.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
