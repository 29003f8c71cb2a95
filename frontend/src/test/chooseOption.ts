/** Choosing an option of a Mantine Select the way a user does. */
import { waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";

const matches = (text: string | RegExp, value: string) => (typeof text === "string" ? value === text : text.test(value));

/** Open the Select `box` and click the option whose text is `text` (or matches it); the box then shows it. */
export async function chooseOption(user: UserEvent, box: HTMLElement, text: string | RegExp): Promise<void> {
  await waitFor(() => expect(box).toBeEnabled());
  await user.click(box);
  // The dropdown is portalled (and hidden from the role queries while a modal traps focus): its
  // options are found through the list the box controls.
  const list = await waitFor(() => {
    const found = document.getElementById(box.getAttribute("aria-controls") ?? "");
    if (!found) throw new Error("the dropdown did not open");
    return found;
  });
  const option = within(list)
    .getAllByRole("option", { hidden: true })
    .find((o) => matches(text, o.textContent ?? ""));
  if (!option) throw new Error(`no option ${String(text)}`);
  await user.click(option);
  await waitFor(() => expect(matches(text, (box as HTMLInputElement).value)).toBe(true));
}
