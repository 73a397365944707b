import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { Candidate } from '../../api/filing-types';
import { isEditable } from '../../components/filing-dict';
import { RecordPending } from '../../components/FullPageSpin';
import { NotFoundPage } from '../../components/ResultPages';
import { MyFilingEditor } from './MyFilingEditor';
import { MyFilingReadOnly } from './MyFilingReadOnly';
import { CANDIDATES_KEY, fetchFiling, filingKey } from './queries';
import './filings.css';

/**
 * One filing of the enterprise: `/my-filings/new` and, while a draft or returned, `/my-filings/:id` are the
 * three steps (聘任信息 → 资格审查 → 授权书与提交); in any other state the filing as the bureau sees it.
 */
export default function MyFilingPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const valid = isNew || /^\d+$/.test(id);
  const candidates = useQuery({ queryKey: CANDIDATES_KEY, queryFn: () => api.get<Candidate[]>('/api/candidates') });
  const filing = useQuery({ queryKey: filingKey(Number(id)), queryFn: () => fetchFiling(Number(id)), enabled: valid && !isNew });

  const notFound = filing.error instanceof ApiError && (filing.error.status === 404 || filing.error.status === 400);
  if (!valid || notFound) return <NotFoundPage />;
  const error = candidates.error ?? filing.error;
  const pending = {
    isPending: candidates.isPending || (!isNew && filing.isPending),
    isError: error !== null,
    error,
    isFetching: candidates.isFetching || filing.isFetching,
    refetch: () => Promise.all([candidates.refetch(), isNew ? null : filing.refetch()]),
  };
  if (pending.isPending || pending.isError) return <RecordPending query={pending} what="备案" />;
  const f = filing.data ?? null;
  if (f && !isEditable(f.status)) return <MyFilingReadOnly filing={f} />;
  return <MyFilingEditor filing={f} candidates={candidates.data ?? []} />;
}
