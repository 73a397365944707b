/**
 * The filing API (src/server/modules/filings): persons and candidates, filings (聘任备案) and their rounds, the
 * officer's own record, titles and qualifications. ID numbers leave the server masked only; the officer alone sees
 * their own whole number (`GET /api/officers/me`).
 */
import { z } from 'zod';
import { CERTIFICATE_KINDS, CERTIFICATE_STATUSES } from '../domain/certificates';
import { dictKeys } from '../domain/enterprise';
import { EDUCATION_LEVELS, eligibilityRulesSchema, POSITION_LEVELS, type Criterion, type EligibilityResult } from '../domain/eligibility';
import { EXIT_CAUSES, FILING_END_KINDS, FILING_STATUSES } from '../domain/filing-input';
import { officerAtEnterpriseSchema } from './common';

export const filingStatusSchema = z.enum(dictKeys(FILING_STATUSES));
export const filingEndKindSchema = z.enum(dictKeys(FILING_END_KINDS));
export const roundDecisionSchema = z.enum(['approved', 'returned', 'rejected', 'withdrawn']);
const education = z.enum(dictKeys(EDUCATION_LEVELS));
const positionLevel = z.enum(dictKeys(POSITION_LEVELS));
/**
 * An eligibility check as stored (`evaluateEligibility`'s result); passed through as stored, since results kept
 * before a field existed lack it (a round's check may be `{}`).
 */
const eligibility = z.custom<EligibilityResult>().nullable();

/** A person as the server shows them: the ID number only masked (first 4 and last 4). */
export const personSchema = z.object({
  id: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  phone: z.string().nullable(),
  education: education.nullable(),
  qualityYears: z.number().nullable(),
  positionTitle: z.string().nullable(),
  positionLevel: positionLevel.nullable(),
});

/** `GET /api/candidates`: an enterprise's own data about its candidate (whether the person keeps an account elsewhere is not its business). */
export const candidateSchema = personSchema.extend({ recordedAt: z.date(), version: z.number() });

/** `PUT /api/candidates/:id`. */
export const candidateCorrectedSchema = z.object({ ok: z.literal(true), version: z.number() });

export const filingSchema = officerAtEnterpriseSchema.extend({
  id: z.number(),
  version: z.number(),
  /** The person's id for bureaus and the officer; null for the enterprise, which gets its own `candidateId` instead. */
  personId: z.number().nullable(),
  candidateId: z.number().nullable(),
  orgUnitId: z.number(),
  orgUnitName: z.string(),
  status: filingStatusSchema,
  /** Dates are `YYYY-MM-DD`. */
  appointmentDate: z.string().nullable(),
  departmentsLed: z.string().nullable(),
  reportsToGeneralManager: z.boolean(),
  vetoRight: z.boolean(),
  treatment: z.string().nullable(),
  /** 待遇 (policy 四) as structured fields; null when the filing predates them. */
  treatmentLevel: z.string().nullable(),
  attendsManagementMeetings: z.boolean().nullable(),
  postAllowanceYuan: z.number().nullable(),
  treatmentBenefits: z.array(z.string()),
  /** The competitive selection (竞争聘用) the appointment came out of, if any. */
  selectionId: z.number().nullable(),
  hasAuthorizationLetter: z.boolean(),
  /** The serial of the latest 备案证明 (once approved), checked publicly at `/verify/<serial>`; null before. */
  proofSerial: z.string().nullable(),
  eligibility,
  ruleVersion: z.number().nullable(),
  /** How many times it has been submitted (第 N 轮). */
  round: z.number(),
  reviewDeadline: z.string().nullable(),
  submittedAt: z.date().nullable(),
  decidedAt: z.date().nullable(),
  /** The bureau's last remarks: approval remarks, 退回补正 remarks or the reason for 不予备案. */
  decisionReason: z.string().nullable(),
  /** Approved although a binding eligibility rule failed: the written reason, the rule version and the failed criteria. */
  overrideReason: z.string().nullable(),
  overrideRuleVersion: z.number().nullable(),
  overrideCriteria: z.custom<Criterion[]>().nullable(),
  endKind: filingEndKindSchema.nullable(),
  /** 退出原因 (`EXIT_CAUSES`). */
  exitCause: z.enum(dictKeys(EXIT_CAUSES)).nullable(),
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
  education: education.nullable(),
  qualityYears: z.number().nullable(),
  positionTitle: z.string().nullable(),
  positionLevel: positionLevel.nullable(),
  nameMismatch: z.boolean(),
  qualifications: z.array(
    z.object({ id: z.number(), kind: z.string(), name: z.string(), issuer: z.string().nullable(), issuedOn: z.string().nullable(), hasEvidence: z.boolean() }),
  ),
});

export const filingRoundSchema = z.object({
  round: z.number(),
  submittedAt: z.date(),
  decision: roundDecisionSchema.nullable(),
  remarks: z.string().nullable(),
  decidedAt: z.date().nullable(),
  eligibility,
});

export const filingDetailSchema = filingSchema.extend({
  /** `id` is null for the enterprise (see `personId`). */
  person: personSchema.extend({ id: z.number().nullable() }),
  /** The latest 备案证明 as signed (its payload): the record shows its dates from here, as the PDF and /verify do. */
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
  rounds: z.array(filingRoundSchema),
});

/** `GET /api/officers/me`: the one answer with the whole ID number, the person's own. */
export const officerMeSchema = z.object({
  person: personSchema.extend({ idNumber: z.string() }),
  filings: z.array(
    z.object({
      id: z.number(),
      enterpriseName: z.string(),
      orgUnitName: z.string(),
      /** active or ended (the officer's record lists no other). */
      status: filingStatusSchema,
      appointmentDate: z.string().nullable(),
      endKind: filingEndKindSchema.nullable(),
      endedAt: z.string().nullable(),
    }),
  ),
  certificates: z.array(
    z.object({
      serial: z.string(),
      kind: z.enum(dictKeys(CERTIFICATE_KINDS)),
      status: z.enum(dictKeys(CERTIFICATE_STATUSES)),
      statusReason: z.string().nullable(),
      issuedAt: z.date(),
    }),
  ),
});

/** `GET /api/officers/me/identity`. */
export const officerIdentitySchema = z.object({
  status: z.enum(['linked', 'pending', 'refused', 'none']),
  request: z.object({ name: z.string(), idNumberMasked: z.string(), createdAt: z.date(), decisionNote: z.string().nullable() }).nullable(),
});

/** `GET /api/public/officer-invitations/:token` (the name masked). */
export const officerInvitationSchema = z.object({ enterpriseName: z.string(), personName: z.string(), expiresAt: z.date() });
/** `POST /api/candidates/:id/invitations`. */
export const invitationIssuedSchema = z.object({ url: z.string(), expiresAt: z.date() });
/** `POST /api/public/officer-registrations` → 201: always pending, linked only once the bureau confirms (or a verified identity). */
export const officerRegistrationResultSchema = z.object({ identityStatus: z.literal('pending') });

export const qualificationKindSchema = z.enum(['title', 'qualification']);

/** `GET /api/persons/:id/qualifications` and `/api/candidates/:id/qualifications`: the entries the caller may read. */
export const qualificationListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      kind: qualificationKindSchema,
      name: z.string(),
      issuer: z.string().nullable(),
      issuedOn: z.string().nullable(),
      hasEvidence: z.boolean(),
      createdAt: z.date(),
      /** The enterprise that recorded the entry; null for the person's own. */
      recordedBy: z.string().nullable(),
    }),
  ),
  canManage: z.boolean(),
});

/** One published version of the eligibility rules (任职条件); `POST /api/eligibility-rules` answers the new one. */
export const eligibilityRulesVersionSchema = z.object({ version: z.number(), rules: eligibilityRulesSchema, note: z.string().nullable(), createdAt: z.date() });
/** `GET /api/eligibility-rules`: the rules in force and every version before. */
export const eligibilityRulesAnswerSchema = z.object({ current: eligibilityRulesVersionSchema, history: z.array(eligibilityRulesVersionSchema) });
