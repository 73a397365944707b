import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { FilingDetail } from '../../api/filing-types';

/** Query keys: every list of filings starts with FILINGS_KEY, so one invalidation refreshes them all. */
export const FILINGS_KEY = queryKeys.filings.all;
export const CANDIDATES_KEY = queryKeys.candidates.all;
export const filingKey = queryKeys.filing;

export const fetchFiling = (id: number): Promise<FilingDetail> => api.get<FilingDetail>(`/api/filings/${id}`);

/** After a change: store the fresh filing and refresh the lists (and the enterprise's 首席质量官 flag). */
export function useFilingChanged(): (filing: FilingDetail) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (filing: FilingDetail) => {
      queryClient.setQueryData(filingKey(filing.id), filing);
      void queryClient.invalidateQueries({ queryKey: FILINGS_KEY });
      void queryClient.invalidateQueries({ queryKey: queryKeys.filingPages });
      void queryClient.invalidateQueries({ queryKey: queryKeys.enterprise(filing.enterpriseId) });
    },
    [queryClient],
  );
}
