import { CheckCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Typography } from 'antd';
import { api, errorMessage } from '../../api/client';
import type { Enterprise } from '../../api/enterprise-types';
import { Access } from '../../auth/Access';
import { useIsMobile } from '../../components/use-is-mobile';

/** 待核实: what the USCC and the unit disagree on, with 标记为已核实 for those who manage enterprises. */
export function EnterpriseReviewFlagsAlert({ enterprise: e }: { enterprise: Enterprise }) {
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();

  const checkFlags = () =>
    modal.confirm({
      title: '标记为已核实？',
      content: `确认信用代码与所属单位无误（如企业迁入）后标记。只要所属单位仍为${e.orgUnitName}，这些待核实事项将不再提示；所属单位变更后会重新检查。`,
      okText: '标记为已核实',
      cancelText: '取消',
      onOk: async () => {
        try {
          const saved = await api.post<Enterprise>(`/api/enterprises/${e.id}/review-flags/check`);
          queryClient.setQueryData(['enterprise', saved.id], saved);
          message.success('已标记为已核实');
        } catch (error) {
          // 409: nothing left to check (someone else did it meanwhile): show the fresh record
          message.error(errorMessage(error));
          void queryClient.invalidateQueries({ queryKey: ['enterprise', e.id], exact: true });
        } finally {
          void queryClient.invalidateQueries({ queryKey: ['enterprise', e.id, 'history'] });
          void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
        }
      },
    });

  const checkButton = (
    <Access permission="enterprises:manage">
      <Button size="small" icon={<CheckCircleOutlined />} onClick={checkFlags}>
        标记为已核实
      </Button>
    </Access>
  );

  return (
    <Alert
      className="form-alert"
      type="warning"
      showIcon
      title="待核实"
      // on a phone the button goes under the text, which the action column would squeeze
      action={isMobile ? undefined : checkButton}
      description={
        <>
          <ul className="flag-list">
            {e.reviewFlags.map((f) => (
              <li key={f.code}>{f.label}</li>
            ))}
          </ul>
          <Typography.Text type="secondary">
            信用代码第 3–8 位（{e.uscc.slice(2, 8)}）为登记机关所在地，所属单位为{e.orgUnitName}
            。请核对信用代码和所属单位，有误的请编辑更正；企业迁入等情况属正常。
          </Typography.Text>
          {isMobile ? <div className="flag-actions">{checkButton}</div> : null}
        </>
      }
    />
  );
}
