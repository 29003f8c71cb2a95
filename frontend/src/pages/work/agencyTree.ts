import type { Agency } from "../../api/types";

/** The agency and every agency under it, parents before children (the tree's order). */
export function subtreeOf(agencies: readonly Agency[], root: string): Agency[] {
  const children = new Map<string, Agency[]>();
  for (const agency of agencies) {
    if (agency.parent === null) continue;
    const siblings = children.get(agency.parent) ?? [];
    siblings.push(agency);
    children.set(agency.parent, siblings);
  }
  const top = agencies.find((agency) => agency.code === root);
  if (!top) return [];
  const out: Agency[] = [];
  const visit = (agency: Agency) => {
    out.push(agency);
    for (const child of children.get(agency.code) ?? []) visit(child);
  };
  visit(top);
  return out;
}
