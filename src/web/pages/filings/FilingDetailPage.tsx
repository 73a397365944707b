import { CheckOutlined, CloseOutlined, DownloadOutlined, ReloadOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Space, Spin } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../api/client';
import type { FilingDetail } from '../../api/filing-types';
import { useSession } from '../../auth/session';
import { download } from '../../components/download';
import { PageHeader } from '../../components/PageHeader';
import { NotFoundPage } from '../../components/ResultPages';
import { useIsMobile } from '../../components/use-is-mobile';
import { DecisionModal, type Decision } from './DecisionModal';
import { EndFilingModal } from './EndFilingModal';
import { FilingDetailView } from './FilingDetailView';
import { FilingStatusTag, proofHref, ProofSerialLink } from './FilingParts';
import { fetchFiling, filingKey, useFilingChanged } from './queries';
import './filings.css';

const DONE: Record<Decision, string> = { approve: '已予以备案，备案证明已生成', return: '已退回补正', reject: '已作出不予备案决定' };

/** 备案详情 for bureaus: the evidence, and for reviewers the decision on a submitted filing. */
export default function FilingDetailPage() {
  const { id = '' } = useParams();
  const valid = /^\d+$/.test(id);
  const { message } = App.useApp();
  const changed = useFilingChanged();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [ending, setEnding] = useState(false);
  const [reevaluating, setReevaluating] = useState(false);
  const isMobile = useIsMobile();
  const { hasPermission } = useSession();

  const filing = useQuery({ queryKey: filingKey(Number(id)), queryFn: () => fetchFiling(Number(id)), enabled: valid });

  const notFound = filing.error instanceof ApiError && (filing.error.status === 404 || filing.error.status === 400);
  if (!valid || notFound) return <NotFoundPage />;
  if (filing.isPending) {
    return (
      <div className="page-spin">
        <Spin />
      </div>
    );
  }
  if (filing.isError) {
    return (
      <div className="page">
        <Alert
          type="error"
          showIcon
          title="备案加载失败"
          description={errorMessage(filing.error)}
          action={
            <Button size="small" onClick={() => void filing.refetch()}>
              重试
            </Button>
          }
        />
      </div>
    );
  }
  const f = filing.data;

  // the eligibility check again, against the rules in force (for a filing never evaluated, or after a rule change)
  const reevaluate = async () => {
    setReevaluating(true);
    try {
      changed(await api.post<FilingDetail>(`/api/filings/${f.id}/reevaluate`, {}));
      message.success('已按现行任职条件重新审查');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setReevaluating(false);
    }
  };

  // the server says whether this caller decides the filing (a county merged into its city reads but does not decide)
  const decisionBar =
    f.status === 'submitted' && f.canReview ? (
      <div className={isMobile ? 'decision-bar decision-bar-sticky' : 'decision-bar'}>
        <span className="decision-bar-text">审核决定</span>
        <div className="decision-buttons">
          <Button type="primary" icon={isMobile ? undefined : <CheckOutlined />} onClick={() => setDecision('approve')}>
            予以备案
          </Button>
          <Button icon={isMobile ? undefined : <RollbackOutlined />} onClick={() => setDecision('return')}>
            退回补正
          </Button>
          <Button danger icon={isMobile ? undefined : <CloseOutlined />} onClick={() => setDecision('reject')}>
            不予备案
          </Button>
          <Button icon={isMobile ? undefined : <ReloadOutlined />} loading={reevaluating} onClick={() => void reevaluate()}>
            重新审查
          </Button>
        </div>
      </div>
    ) : f.status === 'submitted' && hasPermission('filings:review') ? (
      <Alert className="decision-bar-note" type="info" showIcon title="该县（市、区）已合并至设区市，本备案由市局审核，本局可查阅。" />
    ) : null;

  return (
    <div className="page">
      <PageHeader
        title={`${f.personName} · 聘任备案`}
        back={{ title: '备案审核', to: '/filings' }}
        description={
          <Space wrap size={[8, 4]}>
            <span>{f.enterpriseName}</span>
            <FilingStatusTag filing={f} />
            {f.round ? <span>第 {f.round} 轮</span> : null}
          </Space>
        }
        extra={
          <Space wrap>
            {f.status === 'active' || f.status === 'ended' ? (
              <Button icon={<DownloadOutlined />} onClick={() => download(proofHref(f.id))}>
                {f.status === 'ended' ? '下载备案证明（已失效）' : '下载备案证明'}
              </Button>
            ) : null}
            <ProofSerialLink filing={f} />
            {f.status === 'active' && f.canReview ? (
              <Button danger icon={<StopOutlined />} onClick={() => setEnding(true)}>
                结束聘任
              </Button>
            ) : null}
          </Space>
        }
      />
      {isMobile ? null : decisionBar}
      <FilingDetailView filing={f} audience="bureau" />
      {/* on a phone the decision stays at the bottom of the screen while the reviewer reads the evidence */}
      {isMobile ? decisionBar : null}
      <DecisionModal
        filing={f}
        decision={decision}
        onClose={() => setDecision(null)}
        onDone={(answer, d) => {
          setDecision(null);
          changed(answer);
          message.success(DONE[d]);
        }}
      />
      <EndFilingModal
        filing={ending ? f : null}
        onClose={() => setEnding(false)}
        onEnded={(answer) => {
          setEnding(false);
          changed(answer);
          message.success('聘任已结束，备案证明已失效');
        }}
      />
    </div>
  );
}
