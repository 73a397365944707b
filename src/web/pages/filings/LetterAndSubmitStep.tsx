import { SendOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Space, Typography, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { FilingDetail } from '../../api/filing-types';
import { AppointmentDescriptions, LetterLink } from './FilingParts';
import { useFilingChanged } from './queries';

const LETTER_MAX_BYTES = 10 * 1048576;
const LETTER_EXTENSIONS = /\.(pdf|jpe?g|png)$/i;

/** Step 3 of the enterprise's filing editor (授权书与提交): the authorization letter upload and the summary to submit. */
export function LetterAndSubmitStep({
  filing,
  onBack,
  onSubmit,
  onWithdraw,
}: {
  filing: FilingDetail;
  onBack: () => void;
  onSubmit: () => void;
  onWithdraw: () => void;
}) {
  const { message } = App.useApp();
  const changed = useFilingChanged();
  const [uploading, setUploading] = useState(false);

  const upload: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const data = new FormData();
    data.append('file', file as Blob);
    setUploading(true);
    api
      .upload<FilingDetail>(`/api/filings/${filing.id}/authorization-letter`, data)
      .then((saved) => {
        changed(saved);
        message.success('授权书已上传');
        onSuccess?.(saved);
      })
      .catch((err: unknown) => {
        message.error(errorMessage(err));
        onError?.(err instanceof Error ? err : new Error(errorMessage(err)));
      })
      .finally(() => setUploading(false));
  };

  const checkLetter: UploadProps['beforeUpload'] = (file) => {
    if (!LETTER_EXTENSIONS.test(file.name)) {
      message.error('授权书应为 PDF、JPG 或 PNG 文件');
      return Upload.LIST_IGNORE;
    }
    if (file.size > LETTER_MAX_BYTES) {
      message.error('授权书文件不能超过 10 MB');
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  return (
    <>
      <Card size="small" className="block-card" title="授权书">
        <Typography.Paragraph type="secondary" className="card-lead">
          企业法定代表人签署并加盖公章的首席质量官授权书，PDF、JPG 或 PNG 格式，不超过 10 MB。重新上传将替换原文件。
        </Typography.Paragraph>
        <Space wrap size={[16, 8]} align="center">
          <Upload accept=".pdf,.jpg,.jpeg,.png" maxCount={1} showUploadList={false} beforeUpload={checkLetter} customRequest={upload}>
            <Button icon={<UploadOutlined />} loading={uploading} type={filing.hasAuthorizationLetter ? 'default' : 'primary'}>
              {filing.hasAuthorizationLetter ? '重新上传' : '上传授权书'}
            </Button>
          </Upload>
          <span>
            {filing.hasAuthorizationLetter ? <Typography.Text type="success">已上传 · </Typography.Text> : null}
            <LetterLink filing={filing} />
          </span>
        </Space>
      </Card>
      <Card size="small" className="block-card" title="核对后提交">
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <AppointmentDescriptions filing={filing} />
          </Col>
          <Col xs={24} lg={14}>
            <div className="submit-summary">
              <Typography.Text>
                拟任人员：<strong>{filing.personName}</strong>（<span className="mono">{filing.idNumberMasked}</span>）
              </Typography.Text>
              <Typography.Text>
                资格审查：
                {filing.eligibility?.advisory ? (
                  <Typography.Text type="warning">小微企业可自定条件</Typography.Text>
                ) : filing.eligibility?.pass ? (
                  <Typography.Text type="success">符合</Typography.Text>
                ) : (
                  <Typography.Text type="danger">不符合</Typography.Text>
                )}
              </Typography.Text>
              <Typography.Text>审核机关：{filing.orgUnitName}市场监督管理局</Typography.Text>
            </div>
          </Col>
        </Row>
      </Card>
      <Space wrap className="step-actions">
        <Button onClick={onBack}>上一步</Button>
        <Button type="primary" icon={<SendOutlined />} onClick={onSubmit}>
          {filing.round ? `重新提交（第 ${filing.round + 1} 轮）` : '提交审核'}
        </Button>
        <Button onClick={onWithdraw}>{filing.status === 'draft' ? '放弃草稿' : '撤回备案'}</Button>
      </Space>
    </>
  );
}
