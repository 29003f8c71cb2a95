/** The front desk's new-complaint form: keyboard first, safe to retry, warns of likely duplicates. */
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Grid,
  Group,
  Kbd,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  type SelectProps,
} from "@mantine/core";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { intake, must } from "../../api/client";
import { ApiError } from "../../api/errors";
import { useAgencies, useCategories, useChannels, useGroups, useOptions } from "../../api/reference";
import type { Complaint } from "../../api/types";
import { useErrorMessage, useErrorText } from "../../api/useErrorText";
import { useFormat } from "../../format";
import { DuplicatesPanel, type Candidate } from "./DuplicatesPanel";
import {
  LAST_CHANNEL_KEY,
  coordinates,
  emptyDraft,
  newIdempotencyKey,
  toRequest,
  type ComplaintCreate,
  type Draft,
  type Problems,
  type Triage,
} from "./draft";
import { DateInput } from "../../components/DateInput";
import { MapPicker, type Point } from "../../components/map/MapPicker";

const TRIAGES: readonly Triage[] = ["general", "urgent", "multi_agency"];
/** The complainant's contact fields: the draft's key (also the field under `complainant` in the
 * request and the label's key) and the input's type. */
const CONTACT_FIELDS = [
  { key: "name", type: undefined },
  { key: "phone", type: "tel" },
  { key: "email", type: "email" },
] as const;

/** The form's choices: type part of a name, the first match is highlighted and Enter takes it. */
function Picker(props: SelectProps) {
  const { t } = useTranslation("desk");
  return <Select searchable selectFirstOptionOnChange nothingFoundMessage={t("new.nothingFound")} {...props} />;
}

/** A titled group of the form's fields. */
function FieldGroup({ legend, disabled, children }: { legend: string; disabled: boolean; children: ReactNode }) {
  return (
    <Fieldset legend={legend} disabled={disabled}>
      <Stack gap="sm">{children}</Stack>
    </Fieldset>
  );
}

/** One Idempotency-Key per request content: a retry of the same content is the same request. */
function useIdempotencyKey() {
  const last = useRef<{ content: string; key: string } | null>(null);
  return (content: string): string => {
    if (last.current?.content !== content) last.current = { content, key: newIdempotencyKey() };
    return last.current.key;
  };
}

export default function NewComplaint() {
  const { t } = useTranslation(["desk", "common"]);
  const navigate = useNavigate();
  const format = useFormat();
  const errorText = useErrorText();
  const errorMessage = useErrorMessage();
  const channels = useChannels();
  const categories = useCategories();
  const agencies = useAgencies();
  const groups = useGroups();
  const channelOptions = useOptions(channels.data);
  const categoryOptions = useOptions(categories.data);
  const groupOptions = useOptions(groups.data);
  const agencyOptions = useOptions(agencies.data).map((o) => ({ value: o.value, label: `${o.label} (${o.value})` }));

  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState(0);
  const [attachingTo, setAttachingTo] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const [geoProblem, setGeoProblem] = useState<string | null>(null);
  // Saved, but marking it as a duplicate failed: the form is locked so that it is not saved twice.
  const [saved, setSaved] = useState<{ complaint: Complaint; target: Candidate } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const retryRef = useRef<HTMLButtonElement>(null);
  const sending = useRef(false);
  const createKey = useIdempotencyKey();
  const eventKey = useIdempotencyKey();

  // A remembered channel that has since been switched off is not offered.
  useEffect(() => {
    if (channels.data && draft.channel && !channelOptions.some((o) => o.value === draft.channel)) {
      setDraft((d) => ({ ...d, channel: null }));
    }
  }, [channels.data, draft.channel, channelOptions]);

  // After a failed save, the keyboard user lands on the first field to fix, else back on Save.
  useEffect(() => {
    if (failures === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? retryRef.current ?? saveRef.current)?.focus();
  }, [failures]);

  const update = (change: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setProblems((p) => {
      const keys = Object.keys(change);
      return Object.fromEntries(Object.entries(p).filter(([field]) => !keys.some((k) => field === k || field.endsWith(`.${k}`))));
    });
  };

  /** The message for one field: what is missing here, else what the server said about it. */
  const fieldError = (field: string): string | undefined => {
    const problem = problems[field];
    return problem ? t(problem) : errorText(error, field);
  };
  /** An error the server gives for a whole object (e.g. "location": give both or neither). */
  const objectError = (field: string): string | undefined =>
    error instanceof ApiError && field in error.fields ? errorText(error, field) : undefined;

  async function create(body: ComplaintCreate): Promise<Complaint> {
    const key = createKey(JSON.stringify(body));
    return must(intake.POST("/v1/complaints", { body, params: { header: { "Idempotency-Key": key } } }));
  }

  async function markDuplicate(complaint: Complaint, target: Candidate): Promise<void> {
    const body = { type: "duplicate_of" as const, duplicate_of: target.id };
    const key = eventKey(`${complaint.id}|${target.id}`);
    await must(
      intake.POST("/v1/complaints/{complaint_id}/events", {
        params: { path: { complaint_id: complaint.id }, header: { "Idempotency-Key": key } },
        body,
      }),
    );
  }

  async function save(target: Candidate | null) {
    // A ref, not state: two quick presses in one render must not send twice.
    if (sending.current) return;
    sending.current = true;
    try {
      await send(target);
    } finally {
      sending.current = false;
    }
  }

  async function send(target: Candidate | null) {
    const begin = () => {
      setBusy(true);
      setAttachingTo(target?.id ?? null);
      setError(null);
    };
    const fail = (caught: unknown) => {
      setError(caught);
      setBusy(false);
      setAttachingTo(null);
      setFailures((n) => n + 1);
    };
    let complaint = saved?.complaint ?? null;
    if (complaint === null) {
      const { body, problems: found } = toRequest(draft);
      setProblems(found);
      if (body === null) {
        setFailures((n) => n + 1);
        return;
      }
      begin();
      try {
        complaint = await create(body);
        localStorage.setItem(LAST_CHANNEL_KEY, body.channel);
      } catch (caught) {
        fail(caught);
        return;
      }
    } else {
      begin();
    }
    if (target !== null) {
      try {
        await markDuplicate(complaint, target);
      } catch (caught) {
        setSaved({ complaint, target });
        fail(caught);
        return;
      }
    }
    navigate(`/desk/receipt/${complaint.id}`);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save(null);
  }

  // Ctrl+Enter saves from anywhere on the page (also when focus was lost, e.g. to a button that became busy).
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.isComposing) return;
      event.preventDefault();
      // After the key's own effect (a Select picking its highlighted option) has been rendered.
      setTimeout(() => formRef.current?.requestSubmit(), 0);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== "Enter" || event.ctrlKey || event.metaKey || event.nativeEvent.isComposing) return;
    if (event.target instanceof HTMLInputElement && event.target.type !== "checkbox" && event.target.type !== "radio") {
      // A plain Enter in a one-line field does not save a half-typed complaint: Ctrl+Enter does.
      event.preventDefault();
    }
  }

  const setPoint = (at: Point) => update({ lat: at.lat.toFixed(6), long: at.long.toFixed(6) });

  function locate() {
    setGeoProblem(null);
    if (!("geolocation" in navigator)) {
      setGeoProblem("new.geoUnavailable");
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setPoint({ lat: position.coords.latitude, long: position.coords.longitude });
        setLocating(false);
      },
      () => {
        setGeoProblem("new.geoFailed");
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  const locked = saved !== null;
  const point = coordinates(draft);
  const probe = {
    category: draft.category,
    text: draft.title.trim() || draft.description.trim(),
    ...(point ?? {}),
  };

  return (
    <Stack gap="md">
      <Title order={2}>{t("new.title")}</Title>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <form ref={formRef} onSubmit={onSubmit} onKeyDown={onKeyDown} aria-label={t("new.title")} noValidate>
            <Stack gap="md">
              <FieldGroup legend={t("new.sectionComplaint")} disabled={locked}>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Picker
                    label={t("new.channel")}
                    data={channelOptions}
                    value={draft.channel}
                    onChange={(value) => update({ channel: value })}
                    openOnFocus={false}
                    autoSelectOnBlur
                    allowDeselect={false}
                    withAsterisk
                    aria-required
                    error={fieldError("channel")}
                    autoFocus
                  />
                  <Picker
                    label={t("new.category")}
                    placeholder={t("new.typeToFilter")}
                    data={categoryOptions}
                    value={draft.category}
                    onChange={(value) => update({ category: value })}
                    autoSelectOnBlur
                    allowDeselect={false}
                    withAsterisk
                    aria-required
                    error={fieldError("category")}
                  />
                </SimpleGrid>
                <TextInput
                  label={t("new.subject")}
                  value={draft.title}
                  onChange={(e) => update({ title: e.currentTarget.value })}
                  maxLength={300}
                  withAsterisk
                  aria-required
                  error={fieldError("title")}
                />
                <Textarea
                  label={t("new.description")}
                  value={draft.description}
                  onChange={(e) => update({ description: e.currentTarget.value })}
                  autosize
                  minRows={3}
                  maxRows={10}
                  withAsterisk
                  aria-required
                  error={fieldError("description")}
                />
                <Radio.Group
                  label={t("new.triage")}
                  value={draft.triage}
                  onChange={(value) => update({ triage: value as Triage })}
                  error={fieldError("triage")}
                >
                  <Group gap="lg" mt={4}>
                    {TRIAGES.map((triage) => (
                      <Radio key={triage} value={triage} label={t(`triage.${triage}`, { ns: "common" })} />
                    ))}
                  </Group>
                </Radio.Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Picker
                    label={t("new.forwardTo")}
                    description={t("new.forwardToHint")}
                    placeholder={t("new.typeToFilter")}
                    data={agencyOptions}
                    value={draft.agency}
                    onChange={(value) => update({ agency: value })}
                    clearable
                    limit={50}
                    error={fieldError("agency")}
                  />
                  <DateInput
                    withTime
                    label={t("new.occurredAt")}
                    description={t("new.occurredAtHint")}
                    value={draft.occurredAt}
                    onChange={(value) => update({ occurredAt: value })}
                    error={fieldError("occurred_at")}
                  />
                </SimpleGrid>
              </FieldGroup>

              <FieldGroup legend={t("new.sectionComplainant")} disabled={locked}>
                <Checkbox
                  label={t("new.anonymous")}
                  checked={draft.anonymous}
                  onChange={(e) => update({ anonymous: e.currentTarget.checked })}
                  error={objectError("complainant")}
                />
                {!draft.anonymous && (
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    {CONTACT_FIELDS.map(({ key, type }) => (
                      <TextInput
                        key={key}
                        label={t(`new.${key}`)}
                        type={type}
                        value={draft[key]}
                        onChange={(e) => update({ [key]: e.currentTarget.value })}
                        autoComplete="off"
                        error={fieldError(`complainant.${key}`)}
                      />
                    ))}
                  </SimpleGrid>
                )}
                <Picker
                  label={t("new.group")}
                  data={groupOptions}
                  value={draft.group}
                  onChange={(value) => update({ group: value })}
                  clearable
                  openOnFocus={false}
                  error={fieldError("complainant.group")}
                  maw={{ sm: 360 }}
                />
              </FieldGroup>

              <FieldGroup legend={t("new.sectionLocation")} disabled={locked}>
                <TextInput
                  label={t("new.address")}
                  value={draft.address}
                  onChange={(e) => update({ address: e.currentTarget.value })}
                  error={fieldError("location.address")}
                />
                <Group align="flex-start" gap="sm">
                  <TextInput
                    label={t("new.lat")}
                    inputMode="decimal"
                    value={draft.lat}
                    onChange={(e) => update({ lat: e.currentTarget.value })}
                    error={fieldError("location.lat") ?? objectError("location")}
                    w={180}
                  />
                  <TextInput
                    label={t("new.long")}
                    inputMode="decimal"
                    value={draft.long}
                    onChange={(e) => update({ long: e.currentTarget.value })}
                    error={fieldError("location.long")}
                    w={180}
                  />
                  <Button variant="default" mt={25} onClick={locate} loading={locating}>
                    {t("new.useMyLocation")}
                  </Button>
                  <Button variant="default" mt={25} onClick={() => update({ lat: "", long: "" })} disabled={!draft.lat && !draft.long}>
                    {t("new.clearPin")}
                  </Button>
                </Group>
                {geoProblem && (
                  <Text size="sm" c="red" role="alert">
                    {t(geoProblem)}
                  </Text>
                )}
                <MapPicker
                  point={point}
                  onPick={locked ? undefined : setPoint}
                  label={t("new.map")}
                  hint={t("new.mapHint")}
                  withoutTiles={
                    <Text size="sm" c="dimmed">
                      {t("new.mapOff")}
                    </Text>
                  }
                />
              </FieldGroup>

              {error !== null && (
                <Alert color="red" role="alert" title={saved ? t("new.savedNotAttached", { ticket: format.digits(saved.complaint.ticket_no) }) : t("new.notSaved")}>
                  <Stack gap="xs">
                    <Text size="sm">{errorMessage(error)}</Text>
                    {saved && (
                      <Group gap="sm">
                        <Button ref={retryRef} size="xs" color="orange" onClick={() => void save(saved.target)} loading={busy}>
                          {t("new.retryAttach", { ticket: saved.target.ticket_no })}
                        </Button>
                        <Button size="xs" variant="default" onClick={() => navigate(`/desk/receipt/${saved.complaint.id}`)}>
                          {t("new.toReceipt")}
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </Alert>
              )}

              <Group gap="md">
                <Button ref={saveRef} type="submit" size="md" loading={busy && attachingTo === null} disabled={locked || (busy && attachingTo !== null)}>
                  {t("new.save")}
                </Button>
                <Text size="sm" c="dimmed">
                  <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> {t("new.shortcut")}
                </Text>
              </Group>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <DuplicatesPanel probe={probe} onAttach={(candidate) => void save(candidate)} attaching={attachingTo} disabled={locked || busy} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
