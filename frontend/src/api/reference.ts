/** Reference data every screen names things by: agencies, categories, channels, complainant groups. */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { intake, must } from "./client";
import type { Agency, Entry } from "./types";

const LONG = 10 * 60_000;

export const useAgencies = () =>
  useQuery({ queryKey: ["agencies"], queryFn: () => must(intake.GET("/v1/agencies")), staleTime: LONG });
export const useCategories = () =>
  useQuery({ queryKey: ["categories"], queryFn: () => must(intake.GET("/v1/categories")), staleTime: LONG });
export const useChannels = () =>
  useQuery({ queryKey: ["channels"], queryFn: () => must(intake.GET("/v1/channels")), staleTime: LONG });
export const useGroups = () =>
  useQuery({ queryKey: ["complainant-groups"], queryFn: () => must(intake.GET("/v1/complainant-groups")), staleTime: LONG });

type Named = Pick<Agency | Entry, "code" | "name_th" | "name_en">;

/** The agency `root` and every agency under it, each parent before its children (siblings in the
 * list's order), with its depth below `root`. */
export function subtreeOf(agencies: readonly Agency[], root: string): { agency: Agency; depth: number }[] {
  const children = new Map<string, Agency[]>();
  for (const agency of agencies) {
    if (agency.parent === null) continue;
    children.set(agency.parent, [...(children.get(agency.parent) ?? []), agency]);
  }
  const top = agencies.find((a) => a.code === root);
  if (!top) return [];
  const out: { agency: Agency; depth: number }[] = [];
  const walk = (agency: Agency, depth: number) => {
    out.push({ agency, depth });
    for (const child of children.get(agency.code) ?? []) walk(child, depth + 1);
  };
  walk(top, 0);
  return out;
}

/** A function from code to the name in the user's language (the code when unknown). */
export function useNamer(items: readonly Named[] | undefined): (code: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const english = i18n.language === "en";
  const byCode = new Map((items ?? []).map((item) => [item.code, item]));
  return (code) => {
    if (code === null || code === undefined) return "–";
    const item = byCode.get(code);
    if (!item) return code;
    return english && item.name_en ? item.name_en : item.name_th;
  };
}

/** Select options (value = code) of the active entries, in the user's language. */
export function useOptions(items: readonly (Named & { active: boolean })[] | undefined) {
  const name = useNamer(items);
  return (items ?? []).filter((item) => item.active).map((item) => ({ value: item.code, label: name(item.code) }));
}
