import { Alert } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { FilingDetail } from '../../api/filing-types';
import { useConfirmAction } from '../../components/confirm-action';
import { useFilingChanged } from './queries';

/** 提交审核 and 放弃草稿/撤回备案 of the enterprise's filing editor: each asks first, then goes back to the list. */
export function useMyFilingActions(filing: FilingDetail | null) {
  const navigate = useNavigate();
  const { confirm } = useConfirmAction();
  const changed = useFilingChanged();

  const submit = () => {
    if (!filing) return;
    const e = filing.eligibility;
    const warnings = [
      filing.hasAuthorizationLetter ? null : '尚未上传授权书，主管局可能退回补正。',
      e && !e.pass ? '资格审查未通过，主管局可能退回或不予备案。' : null,
    ].filter((w): w is string => w !== null);
    confirm({
      title: filing.round ? `重新提交，进入第 ${filing.round + 1} 轮审核？` : '提交主管局审核？',
      content: (
        <div>
          <p>提交后由{filing.orgUnitName}市场监督管理局审核，审核期间不能修改，可在审核前撤回。</p>
          {warnings.length ? (
            <Alert
              type="warning"
              showIcon
              title="请注意"
              description={
                <ul className="plain-list">
                  {warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
        </div>
      ),
      okText: '提交',
      cancelText: '再看看',
      action: () => api.post<FilingDetail>(`/api/filings/${filing.id}/submit`),
      success: (submitted) => `已提交第 ${submitted.round} 轮审核，审核期限 ${submitted.reviewDeadline ?? '—'}`,
      onDone: (submitted) => {
        changed(submitted);
        void navigate('/my-filings');
      },
    });
  };

  const withdraw = () => {
    if (!filing) return;
    const draft = filing.status === 'draft';
    confirm({
      title: draft ? '放弃这份备案草稿？' : '撤回这份备案？',
      content: draft ? '放弃后草稿不能再修改提交。' : '撤回后本次备案结束，不能再修改提交。如需备案，须重新新建。',
      okText: draft ? '放弃草稿' : '撤回',
      danger: true,
      action: () => api.post<FilingDetail>(`/api/filings/${filing.id}/withdraw`),
      success: draft ? '草稿已放弃' : '备案已撤回',
      onDone: (withdrawn) => {
        changed(withdrawn);
        void navigate('/my-filings');
      },
    });
  };

  return { submit, withdraw };
}
