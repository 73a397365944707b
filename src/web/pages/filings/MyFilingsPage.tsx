import { FileAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Col, Result, Row, Spin } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Page } from '../../api/types';
import type { Candidate, Filing, FilingDetail } from '../../api/filing-types';
import { useConfirmAction } from '../../components/confirm-action';
import { isInProgress } from '../../components/filing-dict';
import { PageHeader } from '../../components/PageHeader';
import { CandidatePoolCard } from './CandidatePoolCard';
import { CurrentOfficerCard } from './CurrentOfficerCard';
import { EndFilingModal } from './EndFilingModal';
import { FilingHistoryCard } from './FilingHistoryCard';
import { InProgressFilingCard } from './InProgressFilingCard';
import { CANDIDATES_KEY, useFilingChanged } from './queries';
import './filings.css';
import { queryKeys } from '../../api/query-keys';

const MINE_KEY = queryKeys.filings.mine;

/** 聘任备案 for an enterprise: the CQO in office, the filing in progress, the candidates and every filing so far. */
export default function MyFilingsPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { confirm } = useConfirmAction();
  const changed = useFilingChanged();
  const [ending, setEnding] = useState<Filing | null>(null);

  const filings = useQuery({ queryKey: MINE_KEY, queryFn: () => api.get<Page<Filing>>('/api/filings', { page: 1, pageSize: 200 }) });
  const candidates = useQuery({ queryKey: CANDIDATES_KEY, queryFn: () => api.get<Candidate[]>('/api/candidates') });

  if (filings.isPending || candidates.isPending) {
    return (
      <div className="page-spin">
        <Spin />
      </div>
    );
  }
  const notConfirmed = [filings.error, candidates.error].some((e) => e instanceof ApiError && e.status === 403);
  if (notConfirmed) {
    return (
      <div className="page">
        <Result
          status="info"
          title="企业注册尚未确认"
          subTitle="主管市场监管局确认企业注册后，即可办理首席质量官聘任备案。"
          extra={
            <Button type="primary" onClick={() => void navigate('/my-enterprise')}>
              查看注册审核进度
            </Button>
          }
        />
      </div>
    );
  }
  if (filings.isError || candidates.isError) {
    return (
      <div className="page">
        <Alert
          type="error"
          showIcon
          title="聘任备案加载失败"
          description={errorMessage(filings.error ?? candidates.error)}
          action={
            <Button
              size="small"
              onClick={() => {
                void filings.refetch();
                void candidates.refetch();
              }}
            >
              重试
            </Button>
          }
        />
      </div>
    );
  }

  const items = filings.data.items;
  const active = items.find((f) => f.status === 'active') ?? null;
  const inProgress = items.find((f) => isInProgress(f.status)) ?? null;
  const pool = candidates.data;

  const withdraw = (f: Filing) =>
    confirm({
      title: f.status === 'draft' ? '放弃这份备案草稿？' : '撤回这份备案？',
      content:
        f.status === 'submitted'
          ? '撤回后主管局不再审核。如需备案，须重新新建并提交。'
          : f.status === 'returned'
            ? '撤回后本次备案结束，不能再修改提交。如需备案，须重新新建。'
            : '放弃后草稿不能再修改提交。',
      okText: f.status === 'draft' ? '放弃草稿' : '撤回',
      danger: true,
      action: () => api.post<FilingDetail>(`/api/filings/${f.id}/withdraw`),
      success: f.status === 'draft' ? '草稿已放弃' : '备案已撤回',
      onDone: changed,
    });

  const startFiling = (candidateId?: number) => void navigate(candidateId ? `/my-filings/new?candidateId=${candidateId}` : '/my-filings/new');

  return (
    <div className="page">
      <PageHeader
        title="聘任备案"
        description="企业聘任首席质量官后，向主管市场监管局备案。先登记拟任人员，再新建备案、上传授权书并提交。"
        extra={
          inProgress === null && pool.length > 0 ? (
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => startFiling()}>
              新建备案
            </Button>
          ) : null
        }
      />

      <Row gutter={[16, 0]}>
        {/* what needs doing first: the filing in progress leads while no officer is in office */}
        <Col xs={{ span: 24, order: active ? 1 : 2 }} lg={{ span: inProgress ? 12 : 24, order: 1 }}>
          <CurrentOfficerCard filing={active} onEnd={() => setEnding(active)} />
        </Col>
        {inProgress ? (
          <Col xs={{ span: 24, order: active ? 2 : 1 }} lg={{ span: 12, order: 2 }}>
            <InProgressFilingCard filing={inProgress} replacing={active !== null} onWithdraw={() => withdraw(inProgress)} />
          </Col>
        ) : null}
      </Row>

      <CandidatePoolCard pool={pool} active={active} inProgress={inProgress} onStartFiling={startFiling} />

      <FilingHistoryCard items={items} />

      <EndFilingModal
        filing={ending}
        onClose={() => setEnding(null)}
        onEnded={(f) => {
          setEnding(null);
          changed(f);
          message.success('聘任已结束，备案证明已失效');
        }}
      />
    </div>
  );
}
