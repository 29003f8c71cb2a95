/** The user's display settings, kept in the browser: language and Thai digits. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import i18n, { type Language } from "./i18n";

export interface Prefs {
  language: Language;
  thaiDigits: boolean;
}

const KEY = "rongtook.prefs";
const DEFAULTS: Prefs = { language: "th", thaiDigits: false };

function load(): Prefs {
  try {
    return { ...DEFAULTS, ...(JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Prefs>) };
  } catch {
    return DEFAULTS;
  }
}

interface PrefsContext extends Prefs {
  update: (change: Partial<Prefs>) => void;
}

const Context = createContext<PrefsContext>({ ...DEFAULTS, update: () => undefined });

export function PrefsProvider({ children }: { children: ReactNode }) {
  const [prefs, setPrefs] = useState<Prefs>(load);
  useEffect(() => {
    void i18n.changeLanguage(prefs.language);
    document.documentElement.lang = prefs.language;
  }, [prefs.language]);
  const update = useCallback((change: Partial<Prefs>) => {
    setPrefs((current) => {
      const next = { ...current, ...change };
      localStorage.setItem(KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  const value = useMemo(() => ({ ...prefs, update }), [prefs, update]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const usePrefs = (): PrefsContext => useContext(Context);
