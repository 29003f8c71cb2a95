/** Evidence: upload (before / after / other) and the files so far, images as previews. The files need
 * the session's token, so they are fetched and shown as blob URLs. */
import { Alert, Box, Button, Group, Image, Input, NativeSelect, Paper, SimpleGrid, Skeleton, Stack, Text, TextInput, Title, UnstyledButton } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { download, fetchApi } from "../../api/client";
import type { IntakeSchemas } from "../../api/types";
import { useErrorMessage, useErrorText } from "../../api/useErrorText";
import { AppModal } from "../../components/AppModal";
import { useFormat } from "../../format";

type Attachment = IntakeSchemas["AttachmentOut"];
const KINDS = ["before", "after", "other"] as const;
type Kind = (typeof KINDS)[number];

const isImage = (a: Attachment) => a.content_type.startsWith("image/");
const fileUrl = (a: Attachment) => `/api/intake${a.download_url}`;

interface Props {
  complaintId: string;
  attachments: readonly Attachment[];
  mayUpload: boolean;
  onUploaded: () => void;
}

export function Attachments({ complaintId, attachments, mayUpload, onUploaded }: Props) {
  const { t } = useTranslation("work");
  const [viewing, setViewing] = useState<Attachment | null>(null);
  const groups = KINDS.map((kind) => ({ kind, items: attachments.filter((a) => a.kind === kind) })).filter((g) => g.items.length > 0);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="attachments-title">
      <Title order={3} size="h4" id="attachments-title" mb="sm">
        {t("attachments.title")}
      </Title>
      <Stack gap="md">
        {mayUpload && <UploadForm complaintId={complaintId} onUploaded={onUploaded} />}
        {groups.length === 0 ? (
          <Text c="dimmed">{t("attachments.empty")}</Text>
        ) : (
          groups.map(({ kind, items }) => (
            <Box key={kind} data-testid={`attachments-${kind}`}>
              <Text fw={600} size="sm" mb={6}>
                {t(`attachments.kind.${kind}`)} ({items.length})
              </Text>
              <SimpleGrid cols={3} spacing="xs">
                {items.map((a) => (isImage(a) ? <Thumbnail key={a.id} attachment={a} onOpen={() => setViewing(a)} /> : <FileCard key={a.id} attachment={a} />))}
              </SimpleGrid>
            </Box>
          ))
        )}
      </Stack>
      {viewing && <Viewer attachment={viewing} onClose={() => setViewing(null)} />}
    </Paper>
  );
}

/** The file behind an attachment as a blob URL, released when no longer shown. */
function useBlobUrl(attachment: Attachment): { url?: string; failed: boolean } {
  const [state, setState] = useState<{ url?: string; failed: boolean }>({ failed: false });
  const path = fileUrl(attachment);
  useEffect(() => {
    let url: string | undefined;
    let cancelled = false;
    fetchApi(path)
      .then((response) => response.blob())
      .then((blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setState({ url, failed: false });
      })
      .catch(() => !cancelled && setState({ failed: true }));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [path]);
  return state;
}

function Thumbnail({ attachment, onOpen }: { attachment: Attachment; onOpen: () => void }) {
  const { t } = useTranslation("work");
  const { url, failed } = useBlobUrl(attachment);
  return (
    <UnstyledButton onClick={onOpen} aria-label={t("attachments.view", { name: attachment.filename })} data-testid="attachment-image">
      {url ? (
        <Image src={url} alt={attachment.filename} h={96} fit="cover" radius="sm" />
      ) : failed ? (
        <Box h={96} bg="gray.1" style={{ borderRadius: 4, display: "grid", placeItems: "center" }}>
          <Text size="xs" c="dimmed">
            {t("attachments.previewFailed")}
          </Text>
        </Box>
      ) : (
        <Skeleton h={96} radius="sm" />
      )}
      <Text size="xs" truncate="end" mt={2}>
        {attachment.filename}
      </Text>
    </UnstyledButton>
  );
}

function FileCard({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation("work");
  const format = useFormat();
  return (
    <Paper withBorder p="xs" data-testid="attachment-file">
      <Text size="xs" fw={500} truncate="end" title={attachment.filename}>
        {attachment.filename}
      </Text>
      <Text size="xs" c="dimmed">
        {t("attachments.size", { kb: format.number(Math.max(1, Math.round(attachment.size_bytes / 1024))) })}
      </Text>
      <Button
        size="compact-xs"
        variant="light"
        mt={4}
        onClick={() => void download(fileUrl(attachment), attachment.filename)}
        aria-label={t("attachments.download", { name: attachment.filename })}
      >
        {t("attachments.downloadShort")}
      </Button>
    </Paper>
  );
}

function Viewer({ attachment, onClose }: { attachment: Attachment; onClose: () => void }) {
  const { t } = useTranslation(["work", "common"]);
  const format = useFormat();
  const { url, failed } = useBlobUrl(attachment);
  return (
    <AppModal opened onClose={onClose} title={attachment.filename} size="xl">
      <Stack gap="sm">
        {url ? (
          <Image src={url} alt={attachment.filename} mah="70vh" fit="contain" />
        ) : failed ? (
          <Text c="dimmed">{t("attachments.previewFailed")}</Text>
        ) : (
          <Skeleton h={300} />
        )}
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t(`attachments.kind.${attachment.kind}`, { defaultValue: attachment.kind })} · {format.dateTime(attachment.created_at)}
          </Text>
          <Button variant="light" onClick={() => void download(fileUrl(attachment), attachment.filename)}>
            {t("attachments.download", { name: attachment.filename })}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function UploadForm({ complaintId, onUploaded }: { complaintId: string; onUploaded: () => void }) {
  const { t } = useTranslation("work");
  const errorText = useErrorText();
  const errorMessage = useErrorMessage();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<Kind>("before");
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState("");
  const [missingFile, setMissingFile] = useState(false);

  const upload = useMutation({
    mutationFn: async (chosen: File) => {
      const form = new FormData();
      form.append("kind", kind);
      if (note.trim()) form.append("note", note.trim());
      form.append("file", chosen, chosen.name);
      const response = await fetchApi(`/api/intake/v1/complaints/${complaintId}/attachments`, { method: "POST", body: form });
      return (await response.json()) as Attachment;
    },
    onSuccess: () => {
      setFile(null);
      setNote("");
      if (fileInput.current) fileInput.current.value = "";
      onUploaded();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissingFile(file === null);
    if (file) upload.mutate(file);
  };

  const error = upload.error;
  const fileError = missingFile ? t("attachments.chooseFile") : errorText(error, "file");
  const kindError = errorText(error, "kind");
  const noteError = errorText(error, "note");
  const general = error && !fileError && !kindError && !noteError ? errorMessage(error) : undefined;

  return (
    <form onSubmit={submit} noValidate aria-label={t("attachments.upload")}>
      <Stack gap="xs">
        <Group grow align="flex-start" gap="xs">
          <NativeSelect
            label={t("attachments.kindLabel")}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as Kind)}
            data={KINDS.map((k) => ({ value: k, label: t(`attachments.kind.${k}`) }))}
            error={kindError}
          />
          <Input.Wrapper id={fileId} label={t("attachments.file")} error={fileError} description={t("attachments.fileHint")}>
            <input
              id={fileId}
              ref={fileInput}
              type="file"
              accept="image/jpeg,image/png,image/webp,image/gif,image/heic,application/pdf"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? `${fileId}-error ${fileId}-description` : `${fileId}-description`}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setMissingFile(false);
                upload.reset();
              }}
              style={{ display: "block", width: "100%", fontSize: "var(--mantine-font-size-sm)", marginTop: 4 }}
            />
          </Input.Wrapper>
        </Group>
        <TextInput label={t("attachments.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={noteError} />
        {general && (
          <Alert color="red" role="alert" variant="light">
            {general}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={upload.isPending}>
            {t("attachments.upload")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
