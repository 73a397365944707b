import dayjs, { type Dayjs } from 'dayjs';
import type { FilingDetail } from '../../api/filing-types';

/** The 聘任信息 step's form of the enterprise's filing editor. */
export interface MyFilingFormValues {
  /** The enterprise's candidate id (never a person id). */
  candidateId: number;
  appointmentDate: Dayjs;
  departmentsLed?: string;
  reportsToGeneralManager: boolean;
  vetoRight: boolean;
  treatment?: string;
  treatmentLevel?: string;
  attendsManagementMeetings?: boolean;
  postAllowanceYuan?: number | null;
  treatmentBenefits?: string[];
}

export const MY_FILING_FORM_FIELDS = [
  'candidateId',
  'appointmentDate',
  'departmentsLed',
  'reportsToGeneralManager',
  'vetoRight',
  'treatment',
  'treatmentLevel',
  'attendsManagementMeetings',
  'postAllowanceYuan',
  'treatmentBenefits',
] as const;

const optional = (v: string | undefined): string | null => v?.trim() || null;

/** The form as the filing stands (a saved draft or a returned filing). */
export function toMyFilingFormValues(filing: FilingDetail): Partial<MyFilingFormValues> {
  return {
    candidateId: filing.candidateId ?? undefined,
    appointmentDate: filing.appointmentDate ? dayjs(filing.appointmentDate) : undefined,
    departmentsLed: filing.departmentsLed ?? '',
    reportsToGeneralManager: filing.reportsToGeneralManager,
    vetoRight: filing.vetoRight,
    treatment: filing.treatment ?? '',
    treatmentLevel: filing.treatmentLevel ?? undefined,
    attendsManagementMeetings: filing.attendsManagementMeetings ?? undefined,
    postAllowanceYuan: filing.postAllowanceYuan,
    treatmentBenefits: filing.treatmentBenefits,
  };
}

/** The body of `POST /api/filings` and `PUT /api/filings/:id` (without the version). */
export function toMyFilingBody(v: MyFilingFormValues) {
  return {
    candidateId: v.candidateId,
    appointmentDate: v.appointmentDate.format('YYYY-MM-DD'),
    departmentsLed: optional(v.departmentsLed),
    reportsToGeneralManager: v.reportsToGeneralManager,
    vetoRight: v.vetoRight,
    treatment: optional(v.treatment),
    treatmentLevel: v.treatmentLevel ?? null,
    attendsManagementMeetings: v.attendsManagementMeetings ?? null,
    postAllowanceYuan: v.postAllowanceYuan ?? null,
    treatmentBenefits: v.treatmentBenefits ?? [],
  };
}
