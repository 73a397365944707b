import { z } from 'zod';

/** Response shapes of the filing routes: documented in OpenAPI, and nothing outside them leaves the server. */
export const personSchema = z.object({
  id: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  gender: z.string(),
  birthDate: z.string(),
  phone: z.string().nullable(),
  education: z.string().nullable(),
  qualityYears: z.number().nullable(),
  positionTitle: z.string().nullable(),
  positionLevel: z.string().nullable(),
});

/** An enterprise's own data about its candidate (whether the person keeps an account elsewhere is not its business). */
export const candidateSchema = personSchema.extend({ recordedAt: z.date(), version: z.number() });

export const filingSchema = z.object({
  id: z.number(),
  version: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  uscc: z.string(),
  /** The person's id for bureaus and the officer; null for the enterprise, which gets its own `candidateId` instead. */
  personId: z.number().nullable(),
  candidateId: z.number().nullable(),
  personName: z.string(),
  idNumberMasked: z.string(),
  orgUnitId: z.number(),
  orgUnitName: z.string(),
  status: z.string(),
  appointmentDate: z.string().nullable(),
  departmentsLed: z.string().nullable(),
  reportsToGeneralManager: z.boolean(),
  vetoRight: z.boolean(),
  treatment: z.string().nullable(),
  treatmentLevel: z.string().nullable(),
  attendsManagementMeetings: z.boolean().nullable(),
  postAllowanceYuan: z.number().nullable(),
  treatmentBenefits: z.array(z.string()),
  /** The competitive selection (竞争聘用) the appointment came out of, if any. */
  selectionId: z.number().nullable(),
  hasAuthorizationLetter: z.boolean(),
  proofSerial: z.string().nullable(),
  eligibility: z.unknown(),
  ruleVersion: z.number().nullable(),
  round: z.number(),
  reviewDeadline: z.string().nullable(),
  submittedAt: z.date().nullable(),
  decidedAt: z.date().nullable(),
  decisionReason: z.string().nullable(),
  /** Approved although a binding eligibility rule failed: the written reason, the rule version and the failed criteria. */
  overrideReason: z.string().nullable(),
  overrideRuleVersion: z.number().nullable(),
  overrideCriteria: z.unknown(),
  endKind: z.string().nullable(),
  exitCause: z.string().nullable(),
  endReason: z.string().nullable(),
  endedAt: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** The caller takes the bureau's decisions on this filing (`mayDecideFilingsOf`; false for a county merged into its city). */
  canReview: z.boolean(),
});

/** The enterprise's candidate data as the filing keeps it (drafted, then as submitted); `nameMismatch` only for bureaus. */
export const candidateSnapshotSchema = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  education: z.string().nullable(),
  qualityYears: z.number().nullable(),
  positionTitle: z.string().nullable(),
  positionLevel: z.string().nullable(),
  nameMismatch: z.boolean(),
  qualifications: z.array(z.object({ id: z.number(), kind: z.string(), name: z.string(), issuer: z.string().nullable(), issuedOn: z.string().nullable(), hasEvidence: z.boolean() })),
});

export const filingDetailSchema = filingSchema.extend({
  /** `id` is null for the enterprise (see `personId`). */
  person: personSchema.extend({ id: z.number().nullable() }),
  /** The latest 备案证明 as signed (its payload): the dates the record shows for the proof. */
  proof: z
    .object({
      serial: z.string(),
      status: z.string(),
      statusReason: z.string().nullable(),
      personName: z.string(),
      enterpriseName: z.string(),
      bureauName: z.string(),
      appointmentDate: z.string().nullable(),
      filedOn: z.string(),
      issuedOn: z.string(),
    })
    .nullable(),
  candidate: candidateSnapshotSchema.nullable(),
  rounds: z.array(
    z.object({ round: z.number(), submittedAt: z.date(), decision: z.string().nullable(), remarks: z.string().nullable(), decidedAt: z.date().nullable(), eligibility: z.unknown() }),
  ),
});

export const officerMeSchema = z.object({
  person: personSchema.extend({ idNumber: z.string() }),
  filings: z.array(
    z.object({ id: z.number(), enterpriseName: z.string(), orgUnitName: z.string(), status: z.string(), appointmentDate: z.string().nullable(), endKind: z.string().nullable(), endedAt: z.string().nullable() }),
  ),
  certificates: z.array(z.object({ serial: z.string(), kind: z.string(), status: z.string(), statusReason: z.string().nullable(), issuedAt: z.date() })),
});
