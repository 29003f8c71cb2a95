/** The app's screens: path, who may open them, and their module (loaded when first opened). */
import type { ComponentType } from "react";
import { matchPath } from "react-router";
import type { Role } from "./api/types";

type Page = () => Promise<{ default: ComponentType }>;

export interface Screen {
  path: string;
  /** i18n key in the `common` namespace, under `nav.` */
  label: string;
  roles: readonly Role[];
  page: Page;
  /** Shown in the navigation (pages reached from another screen are not). */
  inMenu: boolean;
  group: "work" | "oversight" | "admin";
}

const ALL: readonly Role[] = ["front_desk", "agency_officer", "supervisor", "auditor", "administrator"];
const OFFICERS: readonly Role[] = ["agency_officer", "supervisor", "administrator"];
const OVERSIGHT: readonly Role[] = ["supervisor", "auditor", "administrator"];
const ADMIN: readonly Role[] = ["administrator"];

export const SCREENS: readonly Screen[] = [
  { path: "/desk/new", label: "newComplaint", roles: ["front_desk", "administrator"], page: () => import("./pages/desk/NewComplaint"), inMenu: true, group: "work" },
  { path: "/desk/receipt/:id", label: "receipt", roles: ["front_desk", "administrator"], page: () => import("./pages/desk/Receipt"), inMenu: false, group: "work" },
  { path: "/work", label: "worklist", roles: OFFICERS, page: () => import("./pages/work/Worklist"), inMenu: true, group: "work" },
  { path: "/search", label: "search", roles: ALL, page: () => import("./pages/search/Search"), inMenu: true, group: "work" },
  { path: "/complaints/:id", label: "complaint", roles: ALL, page: () => import("./pages/complaint/ComplaintPage"), inMenu: false, group: "work" },
  { path: "/dashboard", label: "scorecards", roles: OVERSIGHT, page: () => import("./pages/dashboard/Scorecards"), inMenu: true, group: "oversight" },
  { path: "/dashboard/statistics", label: "statistics", roles: OVERSIGHT, page: () => import("./pages/dashboard/Statistics"), inMenu: true, group: "oversight" },
  { path: "/dashboard/satisfaction", label: "satisfaction", roles: OVERSIGHT, page: () => import("./pages/dashboard/Satisfaction"), inMenu: true, group: "oversight" },
  { path: "/audits", label: "audits", roles: OVERSIGHT, page: () => import("./pages/dashboard/Audits"), inMenu: true, group: "oversight" },
  { path: "/monthly", label: "monthly", roles: [...OVERSIGHT, "agency_officer"], page: () => import("./pages/dashboard/MonthlyReports"), inMenu: true, group: "oversight" },
  { path: "/reports", label: "reports", roles: ["agency_officer", ...OVERSIGHT], page: () => import("./pages/reports/Reports"), inMenu: true, group: "oversight" },
  { path: "/admin", label: "health", roles: ADMIN, page: () => import("./pages/admin/Health"), inMenu: true, group: "admin" },
  { path: "/admin/agencies", label: "agencies", roles: ADMIN, page: () => import("./pages/admin/Agencies"), inMenu: true, group: "admin" },
  { path: "/admin/catalog", label: "catalog", roles: ADMIN, page: () => import("./pages/admin/Catalog"), inMenu: true, group: "admin" },
  { path: "/admin/users", label: "users", roles: ADMIN, page: () => import("./pages/admin/Users"), inMenu: true, group: "admin" },
  { path: "/admin/api-keys", label: "apiKeys", roles: ADMIN, page: () => import("./pages/admin/ApiKeys"), inMenu: true, group: "admin" },
  { path: "/admin/calendar", label: "calendar", roles: ADMIN, page: () => import("./pages/admin/Calendar"), inMenu: true, group: "admin" },
  { path: "/admin/schemes", label: "schemes", roles: ADMIN, page: () => import("./pages/admin/Schemes"), inMenu: true, group: "admin" },
];

/** Public pages: no login (the complainant's link from the receipt). */
export const PUBLIC_SCREENS = [
  { path: "/p/:token", page: () => import("./pages/public/Status") },
  { path: "/p/:token/survey", page: () => import("./pages/public/Survey") },
] as const;

/** Whether a user of this role may open the page at `path` (a pathname, with or without a query). */
export function mayOpen(role: Role, path: string): boolean {
  const pathname = path.split("?")[0] ?? path;
  return SCREENS.some((screen) => screen.roles.includes(role) && matchPath(screen.path, pathname) !== null);
}
