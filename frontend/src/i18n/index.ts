/** i18next with Thai first. Each screen area keeps its strings in `locales/<lang>/<area>.json`; the
 * file name is the namespace (`useTranslation("desk")`). */
import i18n, { type Resource } from "i18next";
import { initReactI18next } from "react-i18next";

const files = import.meta.glob<{ default: Record<string, unknown> }>("./locales/*/*.json", { eager: true });
const resources: Resource = {};
for (const [path, module] of Object.entries(files)) {
  const match = /\.\/locales\/(\w+)\/([\w-]+)\.json$/.exec(path);
  if (!match) continue;
  const [, language, namespace] = match as unknown as [string, string, string];
  resources[language] = { ...resources[language], [namespace]: module.default };
}

export const LANGUAGES = ["th", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

void i18n.use(initReactI18next).init({
  resources,
  lng: "th",
  fallbackLng: "th",
  defaultNS: "common",
  ns: Object.keys(resources.th ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
