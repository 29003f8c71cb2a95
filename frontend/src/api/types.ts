/** Short names for the generated schema types the screens use. */
import type { components as Intake } from "./generated/intake";
import type { components as Reporting } from "./generated/reporting";
import type { components as Scoring } from "./generated/scoring";

export type IntakeSchemas = Intake["schemas"];
export type ScoringSchemas = Scoring["schemas"];
export type ReportingSchemas = Reporting["schemas"];

export type Role = IntakeSchemas["Role"];
export type Me = IntakeSchemas["UserOut"];
export type Agency = IntakeSchemas["AgencyOut"];
export type Entry = IntakeSchemas["EntryOut"];
export type Complaint = IntakeSchemas["ComplaintOut"];
export type ComplaintSummary = IntakeSchemas["ComplaintSummary"];
export type EventType = IntakeSchemas["EventType"];
export type MapConfig = IntakeSchemas["MapConfig"];
