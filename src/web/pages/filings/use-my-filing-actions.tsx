import { Alert, App } from 'antd';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { FilingDetail } from '../../api/filing-types';
import { useFilingChanged } from './queries';

/** 提交审核 and 放弃草稿/撤回备案 of the enterprise's filing editor: each asks first, then goes back to the list. */
export function useMyFilingActions(filing: FilingDetail | null) {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const changed = useFilingChanged();

  const submit = () => {
    if (!filing) return;
    const e = filing.eligibility;
    const warnings = [
      filing.hasAuthorizationLetter ? null : '尚未上传授权书，主管局可能退回补正。',
      e && !e.pass ? '资格审查未通过，主管局可能退回或不予备案。' : null,
    ].filter((w): w is string => w !== null);
    modal.confirm({
      title: filing.round ? `重新提交，进入第 ${filing.round + 1} 轮审核？` : '提交主管局审核？',
      content: (
        <div>
          <p>
            提交后由{filing.orgUnitName}市场监督管理局审核，审核期间不能修改，可在审核前撤回。
          </p>
          {warnings.length ? (
            <Alert type="warning" showIcon title="请注意" description={<ul className="plain-list">{warnings.map((w) => <li key={w}>{w}</li>)}</ul>} />
          ) : null}
        </div>
      ),
      okText: '提交',
      cancelText: '再看看',
      onOk: async () => {
        try {
          const submitted = await api.post<FilingDetail>(`/api/filings/${filing.id}/submit`);
          changed(submitted);
          message.success(`已提交第 ${submitted.round} 轮审核，审核期限 ${submitted.reviewDeadline ?? '—'}`);
          void navigate('/my-filings');
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });
  };

  const withdraw = () => {
    if (!filing) return;
    const draft = filing.status === 'draft';
    modal.confirm({
      title: draft ? '放弃这份备案草稿？' : '撤回这份备案？',
      content: draft ? '放弃后草稿不能再修改提交。' : '撤回后本次备案结束，不能再修改提交。如需备案，须重新新建。',
      okText: draft ? '放弃草稿' : '撤回',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          changed(await api.post<FilingDetail>(`/api/filings/${filing.id}/withdraw`));
          message.success(draft ? '草稿已放弃' : '备案已撤回');
          void navigate('/my-filings');
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });
  };

  return { submit, withdraw };
}
