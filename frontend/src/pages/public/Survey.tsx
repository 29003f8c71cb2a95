/** The complainant's satisfaction survey: the questionnaire the API gives, answered once per complaint. */
import { Alert, Button, Checkbox, Fieldset, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { intake, must } from "../../api/client";
import { ApiError } from "../../api/errors";
import type { IntakeSchemas } from "../../api/types";
import { useErrorMessage, useErrorText } from "../../api/useErrorText";
import { QueryState } from "../../components/states";
import { useFormat } from "../../format";
import { PublicFrame } from "./PublicFrame";

type PublicSurvey = IntakeSchemas["PublicSurvey"];
type Respondent = IntakeSchemas["Respondent"];
type Question = IntakeSchemas["Question"];
type ProfileField = "gender" | "age_band" | "education" | "occupation";

/** The answers the API accepts for each profile field (see `Respondent`). */
const PROFILE_CHOICES: Record<ProfileField, readonly string[]> = {
  gender: ["male", "female", "other"],
  age_band: ["under_20", "20_39", "40_50", "51_plus"],
  education: ["below_bachelor", "bachelor", "above_bachelor"],
  occupation: ["company_employee", "government", "student", "other"],
};

export default function Survey() {
  const { token = "" } = useParams();
  const survey = useQuery({
    queryKey: ["public-survey", token],
    queryFn: () => must(intake.GET("/v1/public/complaints/{token}/survey", { params: { path: { token } } })),
  });
  return (
    <PublicFrame>
      <QueryState query={survey}>{(data) => <SurveyForm survey={data} token={token} />}</QueryState>
    </PublicFrame>
  );
}

function Finished({ token, title, text }: { token: string; title: string; text?: string }) {
  const { t } = useTranslation("public");
  return (
    <Stack gap="md" role="status">
      <Title order={1} size="h3">
        {title}
      </Title>
      {text && <Text>{text}</Text>}
      <Button component={Link} to={`/p/${token}`} variant="light" w="fit-content">
        {t("survey.backToStatus")}
      </Button>
    </Stack>
  );
}

function SurveyForm({ survey, token }: { survey: PublicSurvey; token: string }) {
  const { t, i18n } = useTranslation("public");
  const format = useFormat();
  const errorText = useErrorText();
  const errorMessage = useErrorMessage();
  const english = i18n.language === "en";
  const pick = (th: string, en: string | null | undefined) => (english && en ? en : th);
  const { definition } = survey.template;

  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [extra, setExtra] = useState<Record<string, string | string[]>>({});
  const [respondent, setRespondent] = useState<Respondent>({});
  const [suggestion, setSuggestion] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [noAnswer, setNoAnswer] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<"thanks" | "answered" | null>(survey.answered ? "answered" : null);

  if (outcome === "answered") return <Finished token={token} title={t("survey.alreadyAnswered")} />;
  if (outcome === "thanks") return <Finished token={token} title={t("survey.thanks")} text={t("survey.thanksText")} />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (Object.keys(answers).length === 0) {
      setNoAnswer(true);
      return;
    }
    setNoAnswer(false);
    setBusy(true);
    setError(null);
    const answeredExtra = Object.fromEntries(
      Object.entries(extra).filter(([, value]) => (Array.isArray(value) ? value.length > 0 : value.trim() !== "")),
    );
    try {
      await must(
        intake.POST("/v1/public/complaints/{token}/survey", {
          params: { path: { token } },
          body: { answers, respondent, extra: answeredExtra, suggestion: suggestion.trim() || null },
        }),
      );
      setOutcome("thanks");
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === "survey.already_answered") setOutcome("answered");
      else setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const levels = definition.levels;
  return (
    <form onSubmit={submit} aria-label={t("survey.title")} noValidate>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h3">
            {t("survey.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {pick(survey.template.name_th, survey.template.name_en)}
          </Text>
          <Text size="sm">{t("survey.about", { ticket: format.digits(survey.ticket_no) })}</Text>
        </Stack>

        {definition.dimensions.map((dimension) => (
          <Fieldset key={dimension.code} legend={pick(dimension.name_th, dimension.name_en)} p={{ base: "xs", xs: "md" }}>
            <Stack gap="md">
              {dimension.items.map((item) => (
                <Radio.Group
                  key={item.code}
                  label={`${format.digits(item.code)} ${pick(item.text_th, item.text_en)}`}
                  value={answers[item.code] === undefined ? null : String(answers[item.code])}
                  onChange={(value) => setAnswers((a) => ({ ...a, [item.code]: Number(value) }))}
                  error={errorText(error, `answers.${item.code}`)}
                >
                  <Group gap="md" mt={6}>
                    {levels.map((level) => (
                      <Radio key={level.value} value={String(level.value)} label={pick(level.label_th, level.label_en)} />
                    ))}
                  </Group>
                </Radio.Group>
              ))}
            </Stack>
          </Fieldset>
        ))}

        {(definition.questions ?? []).map((question) => (
          <QuestionInput
            key={question.code}
            question={question}
            value={extra[question.code]}
            onChange={(value) => setExtra((e) => ({ ...e, [question.code]: value }))}
            error={errorText(error, `extra.${question.code}`)}
          />
        ))}

        <Textarea
          label={t("survey.suggestion")}
          value={suggestion}
          onChange={(e) => setSuggestion(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={5000}
          error={errorText(error, "suggestion")}
        />

        {(definition.profile ?? []).length > 0 && (
          <Fieldset legend={t("survey.aboutYou")} p={{ base: "xs", xs: "md" }}>
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              {(definition.profile ?? []).map((field) => (
                <NativeSelect
                  key={field}
                  label={t(`profile.${field}.label`)}
                  value={respondent[field] ?? ""}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setRespondent((r) => ({ ...r, [field]: value === "" ? null : value }));
                  }}
                  data={[
                    { value: "", label: t("profile.notSaying") },
                    ...PROFILE_CHOICES[field].map((choice) => ({ value: choice, label: t(`profile.${field}.${choice}`) })),
                  ]}
                  error={errorText(error, `respondent.${field}`)}
                />
              ))}
            </SimpleGrid>
          </Fieldset>
        )}

        {noAnswer && (
          <Alert color="red" role="alert">
            {t("survey.answerSomething")}
          </Alert>
        )}
        {error !== null && (
          <Alert color="red" role="alert" title={t("survey.notSent")}>
            {errorMessage(error)}
          </Alert>
        )}
        <Button type="submit" size="md" loading={busy} fullWidth>
          {t("survey.submit")}
        </Button>
      </Stack>
    </form>
  );
}

function QuestionInput({
  question,
  value,
  onChange,
  error,
}: {
  question: Question;
  value: string | string[] | undefined;
  onChange: (value: string | string[]) => void;
  error: string | undefined;
}) {
  const { i18n } = useTranslation();
  const english = i18n.language === "en";
  const label = english && question.text_en ? question.text_en : question.text_th;
  const choices = (question.choices ?? []).map((c) => ({
    value: c.code ?? "",
    label: (english && c.text_en ? c.text_en : c.text_th) ?? c.code ?? "",
  }));
  if (question.type === "text") {
    return (
      <Textarea
        label={label}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={2000}
        error={error}
      />
    );
  }
  if (question.multiple) {
    return (
      <Checkbox.Group label={label} value={Array.isArray(value) ? value : []} onChange={onChange} error={error}>
        <Stack gap="xs" mt={6}>
          {choices.map((c) => (
            <Checkbox key={c.value} value={c.value} label={c.label} />
          ))}
        </Stack>
      </Checkbox.Group>
    );
  }
  return (
    <Radio.Group label={label} value={typeof value === "string" ? value : null} onChange={onChange} error={error}>
      <Stack gap="xs" mt={6}>
        {choices.map((c) => (
          <Radio key={c.value} value={c.value} label={c.label} />
        ))}
      </Stack>
    </Radio.Group>
  );
}
