/** The search's filters, kept in the address bar so that a search can be shared or bookmarked. */

export interface Filters {
  q: string;
  ticket_no: string;
  name: string;
  phone: string;
  status: string[];
  category: string;
  channel: string;
  agency: string;
  received_from: string;
  received_to: string;
}

const TEXT_FIELDS = ["q", "ticket_no", "name", "phone", "category", "channel", "agency", "received_from", "received_to"] as const;

export const NO_FILTERS: Filters = {
  q: "",
  ticket_no: "",
  name: "",
  phone: "",
  status: [],
  category: "",
  channel: "",
  agency: "",
  received_from: "",
  received_to: "",
};

export function readFilters(params: URLSearchParams): Filters {
  const filters: Filters = { ...NO_FILTERS, status: params.getAll("status").filter(Boolean) };
  for (const field of TEXT_FIELDS) filters[field] = params.get(field) ?? "";
  return filters;
}

/** The query string of the filters given (empty ones left out). */
export function writeFilters(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of TEXT_FIELDS) {
    const value = filters[field].trim();
    if (value) params.set(field, value);
  }
  for (const status of filters.status) params.append("status", status);
  return params;
}

/** The API's query parameters (empty ones left out). */
export function toQuery(filters: Filters) {
  const given = (value: string) => value.trim() || undefined;
  return {
    q: given(filters.q),
    ticket_no: given(filters.ticket_no),
    name: given(filters.name),
    phone: given(filters.phone),
    status: filters.status.length > 0 ? filters.status : undefined,
    category: given(filters.category),
    channel: given(filters.channel),
    agency: given(filters.agency),
    received_from: given(filters.received_from),
    received_to: given(filters.received_to),
  };
}
