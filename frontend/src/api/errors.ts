/** The services' error envelope: `{"error": {code, message_th, message_en, fields, fields_th?}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageTh: string,
    readonly messageEn: string,
    /** Offending field (dotted path, e.g. `complainant.phone`) → explanation in English. */
    readonly fields: Record<string, string> = {},
    /** The same in Thai, when the service gives it (validation errors). */
    readonly fieldsTh: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${messageEn}`);
    this.name = "ApiError";
  }

  /** The message in the user's language. */
  message_(language: string): string {
    return language === "en" ? this.messageEn : this.messageTh;
  }

  /** The explanation for one field (or any field under it), in the user's language: a validation
   * error's own words for that field, else the error's message. */
  fieldMessage(field: string, language: string): string | undefined {
    const match = Object.keys(this.fields).find((f) => f === field || f.startsWith(`${field}.`));
    if (match === undefined) return undefined;
    if (language === "en") return this.code === "request.invalid" ? this.fields[match] : this.messageEn;
    return this.fieldsTh[match] ?? this.messageTh;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export const networkError = (): ApiError =>
  new ApiError(
    0,
    "network.unreachable",
    "ติดต่อเซิร์ฟเวอร์ไม่ได้ ข้อมูลที่กรอกยังอยู่ ลองอีกครั้ง",
    "The server could not be reached. What you typed is kept; try again.",
  );

export async function toApiError(response: Response, body: unknown): Promise<ApiError> {
  const envelope = (body as { error?: Record<string, unknown> } | undefined)?.error;
  if (envelope && typeof envelope.code === "string") {
    const { code, message_th, message_en, fields, fields_th, ...extra } = envelope;
    return new ApiError(
      response.status,
      code,
      String(message_th ?? ""),
      String(message_en ?? ""),
      (fields as Record<string, string>) ?? {},
      (fields_th as Record<string, string>) ?? {},
      extra,
    );
  }
  return new ApiError(
    response.status,
    `http.${response.status}`,
    `เซิร์ฟเวอร์ตอบกลับด้วยรหัส ${response.status}`,
    `The server answered ${response.status} ${response.statusText}`,
  );
}
