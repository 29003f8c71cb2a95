/** Realistic answers of the services for this folder's tests, and a helper or two. */
import { waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import type { Agency, IntakeSchemas, Me } from "../../api/types";

const agency = (code: string, name_th: string, name_en: string, parent: string | null, level: number, active = true): Agency => ({
  id: `00000000-0000-7000-8000-${code.padEnd(12, "0").slice(0, 12).replace(/[^0-9a-f]/gi, "0")}`,
  code,
  name_th,
  name_en,
  parent,
  level,
  active,
});

/** Parents before children, as `GET /v1/agencies` answers. */
export const AGENCIES: Agency[] = [
  agency("ORG", "กรุงเทพมหานคร", "Bangkok", null, 0),
  agency("C-PWD", "สำนักการโยธา", "Public Works Department", "ORG", 1),
  agency("D01", "สำนักงานเขตพระนคร", "Phra Nakhon District Office", "ORG", 1),
  agency("D01-WORKS", "ฝ่ายโยธา สำนักงานเขตพระนคร", "Public Works Section, Phra Nakhon", "D01", 2),
  agency("D01-CLEAN", "ฝ่ายรักษาความสะอาด สำนักงานเขตพระนคร", "Cleansing Section, Phra Nakhon", "D01", 2),
  agency("D02", "สำนักงานเขตดุสิต", "Dusit District Office", "ORG", 1),
  agency("D02-WORKS", "ฝ่ายโยธา สำนักงานเขตดุสิต", "Public Works Section, Dusit", "D02", 2, false),
];

export const ADMIN: Me = {
  id: "01a1fee9-c839-70d4-81b1-cf1859a4c10e",
  username: "admin",
  display_name: "ผู้ดูแลระบบ (Administrator)",
  role: "administrator",
  agency: { code: "ORG", name_th: "กรุงเทพมหานคร", name_en: "Bangkok" },
  active: true,
  last_login_at: "2026-11-21T17:40:56Z",
};

export const OFFICER: Me = {
  id: "01a1feea-2dea-70ed-bc61-8d9d05503038",
  username: "officer.d01",
  display_name: "เจ้าหน้าที่สำนักงานเขตพระนคร",
  role: "agency_officer",
  agency: { code: "D01", name_th: "สำนักงานเขตพระนคร", name_en: "Phra Nakhon District Office" },
  active: true,
  last_login_at: null,
};

export const apiKey = (over: Partial<IntakeSchemas["ApiKeyOut"]> = {}): IntakeSchemas["ApiKeyOut"] => ({
  id: "01a1ff40-0000-7000-8000-000000000001",
  name: "ศูนย์ 1555",
  prefix: "641f20f8ca70",
  agency: "D01",
  scopes: ["complaints:write"],
  active: true,
  created_by: `user:${ADMIN.id}`,
  created_at: "2026-11-21T17:56:00Z",
  revoked_at: null,
  ...over,
});

/** Pick an option of a Mantine Select: open it and click the option. */
export async function chooseOption(user: UserEvent, box: HTMLElement, label: string) {
  await waitFor(() => expect(box).toBeEnabled());
  await user.click(box);
  // The dropdown is portalled (and hidden from the role queries while the modal traps focus): its
  // options are found through the list the box controls.
  const list = await waitFor(() => {
    const found = document.getElementById(box.getAttribute("aria-controls") ?? "");
    if (!found) throw new Error("the dropdown did not open");
    return found;
  });
  const option = within(list)
    .getAllByRole("option", { hidden: true })
    .find((o) => o.textContent === label);
  if (!option) throw new Error(`no option "${label}"`);
  await user.click(option);
  await waitFor(() => expect(box).toHaveValue(label));
}
