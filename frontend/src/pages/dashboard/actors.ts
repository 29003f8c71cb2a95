/** Who did something, as the services record it ("user:<id>" or "key:<id>"), in words: the user's
 * own name, every user's name for administrators (only they may list users), else the reference. */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { intake, must } from "../../api/client";
import { useAuth, useUser } from "../../auth/AuthContext";

export function useActorName(): (ref: string | null | undefined) => string {
  const { t } = useTranslation("dashboard");
  const me = useUser();
  const { hasRole } = useAuth();
  const users = useQuery({
    queryKey: ["users"],
    queryFn: () => must(intake.GET("/v1/users")),
    enabled: hasRole("administrator"),
    staleTime: 10 * 60_000,
  });
  const names = new Map((users.data ?? []).map((u) => [`user:${u.id}`, u.display_name]));
  return (ref) => {
    if (!ref) return "–";
    if (ref === `user:${me.id}`) return t("actor.you", { name: me.display_name });
    return names.get(ref) ?? ref;
  };
}
