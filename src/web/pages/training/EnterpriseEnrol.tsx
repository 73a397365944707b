import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Space } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { EnrolResult, TrainingClassDetail } from '../../api/training-types';
import type { Candidate } from '../../api/filing-types';
import { queryKeys } from '../../api/query-keys';

/** An enterprise enrols one of its officers or candidates (a full class puts them on the waiting list). */
export function EnterpriseEnrol({ c }: { c: TrainingClassDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [candidateId, setCandidateId] = useState<number | undefined>();
  const candidates = useQuery({ queryKey: queryKeys.candidates.all, queryFn: () => api.get<Candidate[]>('/api/candidates') });
  const enrol = useMutation({
    mutationFn: () => api.post<EnrolResult>(`/api/training/classes/${String(c.id)}/enrolments`, { candidateId }),
    onSuccess: async (r) => {
      message.success(r.status === 'enrolled' ? '报名成功' : '名额已满，已进入候补');
      await queryClient.invalidateQueries({ queryKey: queryKeys.training.all });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Card size="small" title="为本企业人员报名">
      <Space wrap>
        <Select
          style={{ width: 260 }}
          placeholder="选择首席质量官或拟任人员"
          loading={candidates.isPending}
          value={candidateId}
          onChange={setCandidateId}
          options={(candidates.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.idNumberMasked}）` }))}
        />
        <Button type="primary" disabled={candidateId === undefined} loading={enrol.isPending} onClick={() => enrol.mutate()}>
          报名
        </Button>
      </Space>
    </Card>
  );
}
