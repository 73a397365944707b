import { CheckCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Typography } from 'antd';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Enterprise } from '../../api/enterprise-types';
import { Access } from '../../auth/Access';
import { useConfirmAction } from '../../components/confirm-action';
import { useIsMobile } from '../../components/use-is-mobile';

/** 待核实: what the USCC and the unit disagree on, with 标记为已核实 for those who manage enterprises. */
export function EnterpriseReviewFlagsAlert({ enterprise: e }: { enterprise: Enterprise }) {
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const { confirm } = useConfirmAction();

  const checkFlags = () =>
    confirm({
      title: '标记为已核实？',
      content: `确认信用代码与所属单位无误（如企业迁入）后标记。只要所属单位仍为${e.orgUnitName}，这些待核实事项将不再提示；所属单位变更后会重新检查。`,
      okText: '标记为已核实',
      action: () => api.post<Enterprise>(`/api/enterprises/${e.id}/review-flags/check`),
      onDone: (saved) => queryClient.setQueryData(queryKeys.enterprise(saved.id), saved),
      success: '已标记为已核实',
      // the record with its history (a 409: someone checked them meanwhile, the fresh record shows it), the lists
      invalidate: [queryKeys.enterprise(e.id), queryKeys.enterprises.all],
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
