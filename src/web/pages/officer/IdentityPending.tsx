import { useQuery } from '@tanstack/react-query';
import { Descriptions, Result } from 'antd';
import { api } from '../../api/client';
import { formatDate } from '../../components/format';
import { RecordPending } from '../../components/FullPageSpin';
import type { OfficerIdentity } from './types';
import { queryKeys } from '../../api/query-keys';

/** 我的档案 of an account whose identity is not linked yet: 「身份待核验」, or why it was not confirmed. */
export function IdentityPending() {
  const identity = useQuery({ queryKey: queryKeys.officer.identity, queryFn: () => api.get<OfficerIdentity>('/api/officers/me/identity') });
  if (!identity.data) return <RecordPending query={identity} what="身份状态" />;
  const { status, request } = identity.data;
  const details = request ? (
    <Descriptions
      size="small"
      column={1}
      style={{ maxWidth: 420, margin: '0 auto', textAlign: 'left' }}
      items={[
        { key: 'name', label: '登记姓名', children: request.name },
        { key: 'id', label: '身份证号', children: request.idNumberMasked },
        { key: 'at', label: '申请时间', children: formatDate(request.createdAt) },
      ]}
    />
  ) : null;
  if (status === 'refused') {
    return (
      <div className="page">
        <Result
          status="warning"
          title="身份关联未获确认"
          subTitle={`主管市场监管局未确认您的身份关联${request?.decisionNote ? `，理由：${request.decisionNote}` : ''}。如有疑问，请携带身份证明与企业聘任文件联系主管局。`}
          extra={details}
        />
      </div>
    );
  }
  return (
    <div className="page">
      <Result
        status="info"
        title="身份待核验"
        subTitle="主管市场监管局核对企业聘任文件与身份证明后，本账户才会与您的人员信息关联。核验前可学习公开内容、浏览公开版块，但看不到其他人员的姓名；关联后可在此查看任职记录和证书。"
        extra={details}
      />
    </div>
  );
}
