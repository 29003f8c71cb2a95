/** Mantine's modal with a named close button (its ✕ has no text of its own). */
import { Modal, type ModalProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function AppModal(props: ModalProps) {
  const { t } = useTranslation();
  return <Modal closeButtonProps={{ "aria-label": t("close") }} {...props} />;
}
