import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { PlanDetail } from '../../api/training-plan-types';
import { RecordPending } from '../../components/FullPageSpin';
import { NotFoundPage } from '../../components/ResultPages';
import { PlanEditor } from './PlanEditor';
import { PlanView } from './PlanView';
import { queryKeys } from '../../api/query-keys';

/** One training plan: edited by its bureau while a draft or returned, read and reviewed by the bureaus above. */
export default function TrainingPlanPage() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const valid = isNew || /^\d+$/.test(id);
  const plan = useQuery({
    queryKey: queryKeys.trainingPlans.plan(id),
    queryFn: () => api.get<PlanDetail>(`/api/training-plans/${id}`),
    enabled: valid && !isNew,
  });
  const notFound = plan.error instanceof ApiError && (plan.error.status === 404 || plan.error.status === 400);
  if (!valid || notFound) return <NotFoundPage />;
  if (isNew) return <PlanEditor plan={null} />;
  if (!plan.data) return <RecordPending query={plan} what="培训计划" />;
  return plan.data.can.edit ? <PlanEditor plan={plan.data} /> : <PlanView plan={plan.data} />;
}
