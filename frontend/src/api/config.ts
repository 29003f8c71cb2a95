/** The settings of this installation the web app draws with (intake's `GET /v1/client-config`). They
 * change only when the services restart with other settings: asked once per page load. */
import { useQuery } from "@tanstack/react-query";
import { intake, must } from "./client";

export const useClientConfig = () =>
  useQuery({ queryKey: ["client-config"], queryFn: () => must(intake.GET("/v1/client-config")), staleTime: Infinity });
