import { useTranslation } from "react-i18next";
import { ApiError } from "./errors";

/** `(error, field)` → the Thai/English message to show next to that field, if the error concerns it. */
export function useErrorText() {
  const { i18n } = useTranslation();
  return (error: unknown, field: string): string | undefined =>
    error instanceof ApiError ? error.fieldMessage(field, i18n.language) : undefined;
}

/** The message of any error, in the user's language. */
export function useErrorMessage() {
  const { i18n } = useTranslation();
  return (error: unknown): string =>
    error instanceof ApiError ? error.message_(i18n.language) : error instanceof Error ? error.message : String(error);
}
