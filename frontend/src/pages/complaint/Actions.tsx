/** What the caller may record now (the complaint's `allowed_events`), each through a small form. */
import { Alert, Button, Group, Select, Stack, TextInput, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { intake, must } from "../../api/client";
import { ApiError } from "../../api/errors";
import { subtreeOf, useAgencies, useNamer } from "../../api/reference";
import type { Complaint, EventType, IntakeSchemas, Me } from "../../api/types";
import { useErrorMessage, useErrorText } from "../../api/useErrorText";
import { useUser } from "../../auth/AuthContext";
import { AppModal } from "../../components/AppModal";

type EventCreate = IntakeSchemas["EventCreate"];

/** Actions in the order they are offered. `received` is the creation; evidence is an upload. */
export const ACTIONS = [
  "acknowledged",
  "progress_reported",
  "completed",
  "complainant_notified",
  "followup_requested",
  "forwarded",
  "transferred",
  "rejected",
  "duplicate_of",
  "concluded",
  "reopened",
] as const satisfies readonly EventType[];
export type Action = (typeof ACTIONS)[number];

/** Form fields. `acting` is the assignment the event acts on (sent as `agency`, or `from_agency` for
 * a transfer); `agency` is where a complaint is forwarded or transferred to. */
type Field = "acting" | "agency" | "result" | "letter_no" | "order_no" | "coordination" | "notified_via" | "duplicate_of" | "text";
type Values = Partial<Record<Field, string>>;

const FORMS: Record<Action, { fields: Field[]; required: Field[] }> = {
  acknowledged: { fields: ["acting", "text"], required: ["acting"] },
  progress_reported: { fields: ["acting", "text"], required: ["acting", "text"] },
  completed: { fields: ["acting", "result", "letter_no", "order_no", "coordination", "text"], required: ["acting", "result"] },
  complainant_notified: { fields: ["notified_via", "text"], required: ["notified_via"] },
  followup_requested: { fields: ["text"], required: [] },
  forwarded: { fields: ["agency", "text"], required: ["agency"] },
  transferred: { fields: ["acting", "agency", "letter_no", "text"], required: ["acting", "agency"] },
  rejected: { fields: ["text"], required: ["text"] },
  duplicate_of: { fields: ["duplicate_of", "text"], required: ["duplicate_of"] },
  concluded: { fields: ["text"], required: [] },
  reopened: { fields: ["text"], required: [] },
};

const PRIMARY: ReadonlySet<Action> = new Set(["acknowledged", "progress_reported", "completed"]);
export const NOTIFIED_VIA = ["phone", "sms", "letter", "email", "line", "in_person", "other"] as const;

/** Assignment statuses (intake's AssignmentOut) an event may act on. */
const ACTS_ON: Partial<Record<Action, readonly string[]>> = {
  acknowledged: ["forwarded"],
  progress_reported: ["acknowledged"],
  completed: ["acknowledged"],
  transferred: ["forwarded", "acknowledged"],
};

/** The assignments (agency codes) this user may act on with `action`: the ones in the user's part of
 * the tree, or all of them when none is (the service then decides). */
export function actingChoices(complaint: Complaint, action: Action, user: Me, mine: ReadonlySet<string>): string[] {
  const statuses = ACTS_ON[action];
  if (!statuses) return [];
  const open = (complaint.assignments ?? []).filter((a) => statuses.includes(a.status)).map((a) => a.agency);
  const own = open.filter((code) => mine.has(code) || code === user.agency.code);
  return own.length > 0 ? own : open;
}

/** Thai/English message for a field, from the service's error or from the form's own check. */
function useFieldError() {
  const { t } = useTranslation("work");
  const errorText = useErrorText();
  const message = useErrorMessage();
  return (error: unknown, field: Field, action: Action): string | undefined => {
    if (error instanceof LocalError) return error.fields.has(field) ? t("form.required") : undefined;
    if (!(error instanceof ApiError)) return undefined;
    const apiField = field === "acting" ? (action === "transferred" ? "from_agency" : "agency") : field;
    const direct = errorText(error, apiField);
    if (direct) return direct;
    // The service names a missing field inside a whole-body error ("result: required for a … event").
    if (error.fields.body?.includes(`${apiField}: required`)) return t("form.required");
    if (CODE_FIELD[error.code] === field) return message(error);
    return undefined;
  };
}

/** Refusals (409) that concern one field of the form. */
const CODE_FIELD: Record<string, Field> = {
  "complaint.agency_required": "acting",
  "complaint.not_forwarded_to_agency": "acting",
  "complaint.already_forwarded_to_agency": "agency",
  "complaint.transfer_to_same_agency": "agency",
};

class LocalError extends Error {
  constructor(readonly fields: Set<Field>) {
    super("required fields are empty");
  }
}

/** An idempotency key: a network failure may be retried without recording the event twice. */
function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

interface Props {
  complaint: Complaint;
  /** After an event is recorded: refresh the complaint and follow the SLA until scoring has it. */
  onRecorded: (action: Action) => void;
}

export function Actions({ complaint, onRecorded }: Props) {
  const { t } = useTranslation("work");
  const [open, setOpen] = useState<Action | null>(null);
  const [done, setDone] = useState<Action | null>(null);
  // What was typed stays until it is recorded, also if the form is closed and opened again.
  const [drafts, setDrafts] = useState<Partial<Record<Action, Values>>>({});
  const allowed = new Set(complaint.allowed_events ?? []);
  const offered = ACTIONS.filter((action) => allowed.has(action));

  if (offered.length === 0 && !done) return null;
  return (
    <Stack gap="xs">
      {offered.length > 0 && (
        <Group gap="xs" role="group" aria-label={t("actions.label")}>
          {offered.map((action) => (
            <Button
              key={action}
              size="sm"
              variant={PRIMARY.has(action) ? "filled" : action === "rejected" ? "outline" : "light"}
              color={action === "rejected" ? "red" : undefined}
              onClick={() => {
                setDone(null);
                setOpen(action);
              }}
            >
              {t(`action.${action}`)}
            </Button>
          ))}
        </Group>
      )}
      {done && (
        <Alert color="green" role="status" variant="light" withCloseButton onClose={() => setDone(null)} closeButtonLabel={t("common:close")}>
          {t("actions.recorded", { event: t(`event.${done}`) })}
        </Alert>
      )}
      {open && (
        <EventForm
          key={open}
          action={open}
          complaint={complaint}
          values={drafts[open] ?? {}}
          onChange={(values) => setDrafts((all) => ({ ...all, [open]: values }))}
          onClose={() => setOpen(null)}
          onRecorded={() => {
            setDrafts((all) => ({ ...all, [open]: undefined }));
            setOpen(null);
            setDone(open);
            onRecorded(open);
          }}
        />
      )}
    </Stack>
  );
}

function EventForm({
  action,
  complaint,
  values,
  onChange,
  onClose,
  onRecorded,
}: {
  action: Action;
  complaint: Complaint;
  values: Values;
  onChange: (values: Values) => void;
  onClose: () => void;
  onRecorded: () => void;
}) {
  const { t } = useTranslation(["work", "common"]);
  const user = useUser();
  const queryClient = useQueryClient();
  const agencies = useAgencies();
  const agencyName = useNamer(agencies.data);
  const fieldError = useFieldError();
  const errorMessage = useErrorMessage();
  const [key, setKey] = useState(newKey);
  const form = FORMS[action];

  const mine = new Set(subtreeOf(agencies.data ?? [], user.agency.code).map(({ agency }) => agency.code));
  const choices = actingChoices(complaint, action, user, mine);
  // One assignment to act on: named without asking. Several: the user chooses (their own by default).
  const acting = values.acting || (choices.includes(user.agency.code) ? user.agency.code : choices.length === 1 ? choices[0] : undefined);
  const askActing = form.fields.includes("acting") && choices.length > 1;
  const inForce = new Set(complaint.agencies);
  const targets = (agencies.data ?? [])
    .filter((a) => a.active && !inForce.has(a.code))
    .map((a) => ({ value: a.code, label: `${agencyName(a.code)} (${a.code})` }));

  const record = useMutation({
    mutationFn: async () => {
      const missing = new Set(
        form.required.filter((field) => (field === "acting" ? askActing && !acting : !values[field]?.trim())),
      );
      if (missing.size > 0) throw new LocalError(missing);
      const body = eventBody(action, values, acting, (no) => t("form.letterLine", { no, lng: "th" }));
      return must(
        intake.POST("/v1/complaints/{complaint_id}/events", {
          params: { path: { complaint_id: complaint.id }, header: { "Idempotency-Key": key } },
          body,
        }),
      );
    },
    onSuccess: onRecorded,
    onError: (error) => {
      // A refused or invalid request recorded nothing: the next attempt is a new request.
      if (!(error instanceof ApiError && error.isNetwork)) setKey(newKey());
      // Refused by a rule: the complaint changed meanwhile, so what may be recorded now has too.
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: ["complaint", complaint.id] });
    },
  });

  const fields = form.fields.filter((field) => field !== "acting" || askActing);
  const error = record.error;
  const claimed = fields.some((field) => fieldError(error, field, action));
  const set = (field: Field) => (value: string | null) => onChange({ ...values, [field]: value ?? "" });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };

  const input = (field: Field) => {
    const common = {
      label: t(field === "text" || field === "agency" ? `form.${field}.${action}` : `form.${field}`),
      error: fieldError(error, field, action),
      withAsterisk: form.required.includes(field),
    };
    switch (field) {
      case "acting":
        return (
          <Select
            {...common}
            data={choices.map((code) => ({ value: code, label: agencyName(code) }))}
            value={acting ?? null}
            onChange={set("acting")}
            allowDeselect={false}
          />
        );
      case "agency":
        return (
          <Select
            {...common}
            searchable
            data={targets}
            value={values.agency || null}
            onChange={set("agency")}
            nothingFoundMessage={t("worklist.noAgency")}
            limit={100}
          />
        );
      case "notified_via":
        return (
          <Select
            {...common}
            data={NOTIFIED_VIA.map((via) => ({ value: via, label: t(`form.via.${via}`) }))}
            value={values.notified_via || null}
            onChange={set("notified_via")}
          />
        );
      case "result":
      case "coordination":
      case "text":
        return (
          <Textarea
            {...common}
            description={field === "result" ? t("form.resultHint") : undefined}
            rows={field === "text" && !form.required.includes("text") ? 2 : 3}
            resize="vertical"
            value={values[field] ?? ""}
            onChange={(e) => set(field)(e.currentTarget.value)}
          />
        );
      default:
        return <TextInput {...common} value={values[field] ?? ""} onChange={(e) => set(field)(e.currentTarget.value)} />;
    }
  };

  return (
    <AppModal opened onClose={onClose} title={t(`action.${action}`)} size="lg">
      <form onSubmit={submit} noValidate aria-label={t(`action.${action}`)}>
        <Stack gap="sm">
          {fields.map((field) => (
            <Fragment key={field}>{input(field)}</Fragment>
          ))}
          {error !== null && !claimed && (
            <Alert color="red" role="alert" variant="light">
              {errorMessage(error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} type="button">
              {t("common:cancel")}
            </Button>
            <Button type="submit" loading={record.isPending}>
              {t("form.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function eventBody(action: Action, values: Values, acting: string | undefined, letterLine: (no: string) => string): EventCreate {
  const clean = (field: Field): string | undefined => values[field]?.trim() || undefined;
  const body: EventCreate = { type: action, text: clean("text") };
  switch (action) {
    case "acknowledged":
    case "progress_reported":
      body.agency = acting;
      break;
    case "completed":
      Object.assign(body, {
        agency: acting,
        result: clean("result"),
        letter_no: clean("letter_no"),
        order_no: clean("order_no"),
        coordination: clean("coordination"),
      });
      break;
    case "complainant_notified":
      body.notified_via = clean("notified_via");
      break;
    case "forwarded":
      body.agency = clean("agency");
      break;
    case "transferred": {
      body.agency = clean("agency");
      body.from_agency = acting;
      // A transfer event has no letter-number field: the letter goes on the record's text, in Thai.
      const letter = clean("letter_no");
      if (letter) body.text = [letterLine(letter), body.text].filter(Boolean).join("\n");
      break;
    }
    case "duplicate_of":
      body.duplicate_of = clean("duplicate_of");
      break;
    default:
      break;
  }
  return body;
}
