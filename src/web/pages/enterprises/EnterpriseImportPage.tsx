import { DownloadOutlined, FileExcelOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Typography, Upload } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { Job } from '../../api/types';
import { jobDownloadHref } from '../../components/download';
import { JobProgress } from '../../components/JobProgress';
import { PageHeader } from '../../components/PageHeader';
import './enterprises.css';
import type { EnterpriseImportResult } from '../../api/enterprise-types';
import { queryKeys } from '../../api/query-keys';

/** The server refuses larger files (413); checked here first so nobody waits for a doomed upload. */
const MAX_MB = 20;

type ImportResult = EnterpriseImportResult;

const isImportResult = (v: unknown): v is ImportResult => typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';

const formatSize = (bytes: number): string => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** 批量导入: template, upload (.xlsx, multipart field `file`), then the import job's progress and outcome. */
export default function EnterpriseImportPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [finished, setFinished] = useState<Job | null>(null);
  // the job being watched stays in the address bar, so a reload keeps following it
  const jobParam = Number(params.get('job'));
  const jobId = Number.isInteger(jobParam) && jobParam > 0 ? jobParam : null;

  const upload = useMutation({
    mutationFn: (f: File) => {
      const form = new FormData();
      form.append('file', f, f.name);
      return api.upload<{ jobId: number }>('/api/enterprises/imports', form);
    },
    onSuccess: ({ jobId: id }) => {
      setFinished(null);
      setParams({ job: String(id) }, { replace: true });
    },
    onError: (error) => setFileError(errorMessage(error)),
  });

  const restart = () => {
    setFile(null);
    setFileError(null);
    setFinished(null);
    upload.reset();
    setParams({}, { replace: true });
  };

  const onFinished = useCallback(
    (job: Job) => {
      setFinished(job);
      if (job.status === 'succeeded') void queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.all });
    },
    [queryClient],
  );

  const pick = (f: File): false => {
    setFileError(null);
    upload.reset();
    if (!/\.xlsx$/i.test(f.name)) {
      setFile(null);
      setFileError('只能导入 .xlsx 格式的文件。如为 .xls 或 .csv，请用 Excel 另存为“Excel 工作簿（*.xlsx）”。');
    } else if (f.size > MAX_MB * 1048576) {
      setFile(null);
      setFileError(`文件为 ${formatSize(f.size)}，超过 ${MAX_MB} MB，请拆分后分批导入。`);
    } else {
      setFile(f);
    }
    return false; // keep the file here; it is sent by the 上传 button
  };

  const renderResult = (job: Job) => {
    const result = job.result;
    if (!isImportResult(result)) return null;
    if (!result.ok) {
      return (
        <Alert
          type="error"
          showIcon
          title={`导入未执行：共 ${result.rows} 行，其中 ${result.badRows} 行有误，未导入任何数据`}
          description={
            <Space orientation="vertical" size={8} className="full-width">
              <Typography.Text>请下载错误报告，按“错误说明”列逐行修改后重新上传。报告保留了原文件的全部行，修改后可直接上传。</Typography.Text>
              <Space wrap>
                <Button type="primary" icon={<DownloadOutlined />} href={jobDownloadHref(job.id)}>
                  下载错误报告
                </Button>
                <Button icon={<ReloadOutlined />} onClick={restart}>
                  重新上传
                </Button>
              </Space>
            </Space>
          }
        />
      );
    }
    return (
      <Alert
        type="success"
        showIcon
        title={`导入完成：共 ${result.rows} 行`}
        description={
          <Space orientation="vertical" size={8} className="full-width">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 3 }}
              items={[
                { key: 'inserted', label: '新增', children: `${result.inserted} 家` },
                { key: 'updated', label: '更新', children: `${result.updated} 家` },
                { key: 'unchanged', label: '未变化', children: `${result.unchanged} 家` },
                ...(result.skipped ? [{ key: 'skipped', label: '未导入', children: `${result.skipped} 家（校验后已由其他单位管辖）` }] : []),
              ]}
            />
            <Space wrap>
              <Button type="primary" onClick={() => void navigate('/enterprises')}>
                查看企业名录
              </Button>
              <Button onClick={restart}>继续导入其他文件</Button>
            </Space>
          </Space>
        }
      />
    );
  };

  const busy = jobId !== null;
  const uploadedName = isImportResult(finished?.result) ? finished.result.fileName : file?.name;

  return (
    <div className="page">
      <PageHeader
        title="批量导入企业"
        back={{ title: '企业名录', to: '/enterprises' }}
        description="以统一社会信用代码识别企业：名录中没有的新增，已有的按文件内容更新。文件中只要有一行有误，整个文件都不导入。"
      />
      <Card size="small" className="block-card" title={<StepTitle n={1} title="下载模板" />}>
        <Space orientation="vertical" size={8} className="full-width">
          <Typography.Text type="secondary">
            请使用系统模板，不要修改表头。列名带 * 的为必填；企业规模、经济类型、经营状态填中文（如“中型”“民营”“在营”）；行业填 GB/T 4754-2017
            大类代码（两位数字）；所属单位填单位代码（如 320583）。模板中的“填写说明”工作表列出了全部可填写的值。
          </Typography.Text>
          <div>
            <Button icon={<FileExcelOutlined />} href="/api/enterprises/template">
              下载模板
            </Button>
          </div>
        </Space>
      </Card>
      <Card size="small" className="block-card" title={<StepTitle n={2} title="上传文件" />}>
        {busy ? (
          <Typography.Text type="secondary">
            {finished ? `文件${uploadedName ? `“${uploadedName}”` : ''}已处理，结果见下方。导入其他文件请点“重新上传”。` : '文件已上传，正在按下方进度导入。'}
          </Typography.Text>
        ) : (
          <Space orientation="vertical" size={12} className="full-width">
            <Typography.Text type="secondary">仅支持 .xlsx，不超过 {MAX_MB} MB；一个文件可含数万行，导入在后台进行，关闭页面不影响。</Typography.Text>
            {fileError ? <Alert type="error" showIcon title={fileError} /> : null}
            <Space wrap align="start">
              <Upload accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" maxCount={1} showUploadList={false} beforeUpload={pick}>
                <Button icon={<FileExcelOutlined />}>选择文件</Button>
              </Upload>
              <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
                上传
              </Button>
            </Space>
            {file ? (
              <Typography.Text>
                已选择：<Typography.Text strong>{file.name}</Typography.Text>
                <Typography.Text type="secondary">（{formatSize(file.size)}）</Typography.Text>
                {upload.isPending ? <Typography.Text type="secondary"> 正在上传…</Typography.Text> : null}
              </Typography.Text>
            ) : null}
          </Space>
        )}
      </Card>
      {jobId !== null ? (
        <Card size="small" className="block-card" title={<StepTitle n={3} title="导入结果" />}>
          <JobProgress jobId={jobId} hideTitle allowRetry={false} renderResult={renderResult} onFinished={onFinished} />
          {finished && finished.status !== 'succeeded' ? (
            <div className="detail-actions">
              <Button icon={<ReloadOutlined />} onClick={restart}>
                重新上传
              </Button>
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}

function StepTitle({ n, title }: { n: number; title: string }) {
  return (
    <span className="step-title">
      <span className="step-number" aria-hidden>
        {n}
      </span>
      {title}
    </span>
  );
}
