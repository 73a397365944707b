/** Shapes of the enterprise API answers, inferred from the contract (src/contract/enterprises.ts). */
import type { Answer } from '../../contract/common';
import type {
  changeRequestListSchema,
  classificationSchema,
  enterpriseHistorySchema,
  enterpriseImportResultSchema,
  enterpriseSchema,
  myEnterpriseSchema,
  ownEnterpriseUpdatedSchema,
  publicOrgUnitsSchema,
  registrationConfirmedSchema,
  registrationItemSchema,
  registrationSubmittedSchema,
  reviewStatusSchema,
} from '../../contract/enterprises';

export type Enterprise = Answer<typeof enterpriseSchema>;
export type ReviewFlagItem = Enterprise['reviewFlags'][number];
export type EnterpriseHistoryEntry = Answer<typeof enterpriseHistorySchema>[number];
/** What an enterprise proposes at registration and the bureau completes when it confirms a new record. */
export type Classification = Answer<typeof classificationSchema>;
export type ReviewStatus = Answer<typeof reviewStatusSchema>;
export type EnterpriseRegistration = Answer<typeof registrationItemSchema>;
export type EnterpriseChangeRequest = Answer<typeof changeRequestListSchema>[number];
export type MyEnterprise = Answer<typeof myEnterpriseSchema>;
/** `GET /api/public/org-units`: every unit of the province, flat. */
export type PublicOrgUnit = Answer<typeof publicOrgUnitsSchema>[number];
/** `POST /api/public/enterprise-registrations`. */
export type RegistrationSubmitted = Answer<typeof registrationSubmittedSchema>;
/** `POST /api/enterprise-registrations/:id/confirm`: the enterprise linked or created. */
export type RegistrationConfirmed = Answer<typeof registrationConfirmedSchema>;
/** The `result` of an `enterprise.import` job. */
export type EnterpriseImportResult = Answer<typeof enterpriseImportResultSchema>;
/** `PUT /api/enterprises/mine`: the enterprise, and whether a change of its registered fields awaits the bureau. */
export type OwnEnterpriseUpdated = Answer<typeof ownEnterpriseUpdatedSchema>;
