import { useQueryClient } from '@tanstack/react-query';
import type { PlanDetail } from '../../api/training-plan-types';
import { PLANS_KEY } from './dict';
import { queryKeys } from '../../api/query-keys';

/** Puts a plan the server answered into the cache and refreshes the lists. */
export function usePlanChanged() {
  const queryClient = useQueryClient();
  return (p: PlanDetail) => {
    queryClient.setQueryData(queryKeys.trainingPlans.plan(String(p.id)), p);
    void queryClient.invalidateQueries({ queryKey: PLANS_KEY });
  };
}
