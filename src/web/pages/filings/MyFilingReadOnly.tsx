import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { FilingDetail } from '../../api/filing-types';
import { useConfirmAction } from '../../components/confirm-action';
import { download } from '../../components/download';
import { PageHeader } from '../../components/PageHeader';
import { EndFilingModal } from './EndFilingModal';
import { FilingDetailView } from './FilingDetailView';
import { FilingStatusTag, proofHref, ProofSerialLink } from './FilingParts';
import { useFilingChanged } from './queries';

/** A filing the enterprise can no longer change: what happened, with 撤回 while waiting and the proof once filed. */
export function MyFilingReadOnly({ filing: f }: { filing: FilingDetail }) {
  const { message } = App.useApp();
  const { confirm } = useConfirmAction();
  const changed = useFilingChanged();
  const [ending, setEnding] = useState(false);

  const withdraw = () =>
    confirm({
      title: '撤回这份备案？',
      content: '撤回后主管局不再审核。如需备案，须重新新建并提交。',
      okText: '撤回',
      danger: true,
      action: () => api.post<FilingDetail>(`/api/filings/${f.id}/withdraw`),
      success: '备案已撤回',
      onDone: changed,
    });

  return (
    <div className="page">
      <PageHeader
        title={`${f.personName} · 聘任备案`}
        back={{ title: '聘任备案', to: '/my-filings' }}
        description={
          <Space wrap size={[8, 4]}>
            <FilingStatusTag filing={f} />
            {f.round ? <span>第 {f.round} 轮</span> : null}
          </Space>
        }
        extra={
          <Space wrap>
            {f.status === 'submitted' ? <Button onClick={withdraw}>撤回</Button> : null}
            {f.status === 'active' || f.status === 'ended' ? (
              <Button type={f.status === 'active' ? 'primary' : 'default'} icon={<DownloadOutlined />} onClick={() => download(proofHref(f.id))}>
                {f.status === 'ended' ? '下载备案证明（已失效）' : '下载备案证明'}
              </Button>
            ) : null}
            <ProofSerialLink filing={f} />
            {f.status === 'active' ? (
              <Button danger icon={<StopOutlined />} onClick={() => setEnding(true)}>
                解聘/辞任/退出
              </Button>
            ) : null}
          </Space>
        }
      />
      <FilingDetailView filing={f} audience="enterprise" />
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
