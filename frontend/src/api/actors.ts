/** Who did something, in words. The services record actors by reference ("user:<id>",
 * "api_key:<id>"); intake names them for any signed-in user (`GET /v1/actors`). */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useUser } from "../auth/AuthContext";
import { intake, must } from "./client";

/** What intake answers for at most this many references at once. */
const PER_REQUEST = 200;
const NAMED = /^(user|api_key):/;

/** A function naming each of `refs` (those a screen shows): "you", the user's name, the key's name;
 * a short reference until the names arrive or when it names nobody known. */
export function useActorName(refs: readonly (string | null | undefined)[]): (ref: string | null | undefined) => string {
  const { t } = useTranslation();
  const me = useUser();
  const mine = `user:${me.id}`;
  const wanted = [...new Set(refs.filter((r): r is string => !!r && r !== mine && NAMED.test(r)))].sort();
  const actors = useQuery({
    queryKey: ["actors", wanted],
    queryFn: async () => {
      const chunks = Array.from({ length: Math.ceil(wanted.length / PER_REQUEST) }, (_, i) =>
        wanted.slice(i * PER_REQUEST, (i + 1) * PER_REQUEST),
      );
      const answers = await Promise.all(chunks.map((ref) => must(intake.GET("/v1/actors", { params: { query: { ref } } }))));
      return new Map(answers.flat().map((a) => [a.ref, a]));
    },
    enabled: wanted.length > 0,
    staleTime: 10 * 60_000,
  });
  return (ref) => {
    if (!ref) return "–";
    if (ref === mine) return t("actor.you", { name: me.display_name });
    const [kind, id = ""] = ref.split(":", 2);
    const known = actors.data?.get(ref);
    if (kind === "api_key") return known ? t("actor.apiKey", { name: known.name }) : t("actor.someApiKey", { id: id.slice(-4) });
    if (kind === "user") return known ? known.name : t("actor.someUser", { id: id.slice(-4) });
    return ref;
  };
}
