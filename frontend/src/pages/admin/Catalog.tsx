/** Categories, channels and complainant groups: one tab each, one list component for all three. */
import { Stack, Tabs, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CatalogList, type CatalogKind } from "./CatalogList";

const KINDS: readonly CatalogKind[] = ["categories", "channels", "complainant-groups"];

export default function Catalog() {
  const { t } = useTranslation("admin");
  const [params, setParams] = useSearchParams();
  const requested = params.get("tab");
  const tab = KINDS.find((k) => k === requested) ?? "categories";
  return (
    <Stack>
      <Title order={2}>{t("catalog.title")}</Title>
      <Tabs value={tab} onChange={(value) => value && setParams({ tab: value }, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {KINDS.map((kind) => (
            <Tabs.Tab key={kind} value={kind}>
              {t(`catalog.kind.${kind}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {KINDS.map((kind) => (
          <Tabs.Panel key={kind} value={kind} pt="md">
            <CatalogList kind={kind} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
