import type { SelectionStatusKey } from '../../domain/selection';

/** `GET /api/selections` items. */
export interface SelectionSummary {
  id: number;
  title: string;
  status: SelectionStatusKey;
  enterpriseName: string;
  publicityStart: string | null;
  publicityEnd: string | null;
  createdAt: string;
  candidates: number;
  openObjections: number;
}

export interface SelectionCandidate {
  /** bureaus only */
  personId: number | null;
  /** the enterprise only: its own candidate id */
  candidateId: number | null;
  name: string;
  idNumberMasked: string;
  scores: number[] | null;
  total: number | null;
  rank: number | null;
}

export interface SelectionObjection {
  id: number;
  body: string;
  contact: string | null;
  filedAt: string;
  answer: string | null;
  answeredAt: string | null;
}

/** `GET /api/selections/:id`. */
export interface SelectionDetail {
  id: number;
  version: number;
  enterpriseId: number;
  enterpriseName: string;
  orgUnitName: string;
  title: string;
  criteria: { name: string; weight: number }[];
  panel: string[];
  status: SelectionStatusKey;
  selectedPersonId: number | null;
  selectedCandidateId: number | null;
  resultNote: string | null;
  publicityStart: string | null;
  publicityEnd: string | null;
  publishedAt: string | null;
  concludedAt: string | null;
  cancelReason: string | null;
  createdAt: string;
  candidates: SelectionCandidate[];
  objections: SelectionObjection[];
  filing: { id: number; status: string } | null;
  canEdit: boolean;
  canPublish: boolean;
  canAnswer: boolean;
  canConclude: boolean;
  canCancel: boolean;
}

/** `GET /api/public/selections/:id`. */
export interface PublicSelection {
  id: number;
  enterpriseName: string;
  uscc: string;
  title: string;
  status: string;
  statusLabel: string;
  criteria: { name: string; weight: number }[];
  panelSize: number;
  candidates: { name: string; total: number | null; rank: number | null; selected: boolean }[];
  selectedName: string | null;
  resultNote: string | null;
  publicityStart: string | null;
  publicityEnd: string | null;
  objectionsOpen: boolean;
  objections: { filed: number; answered: number };
}
