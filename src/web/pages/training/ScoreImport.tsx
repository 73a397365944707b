import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Table, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { SCORE_IMPORT_FIELD_COLUMNS } from '../../../domain/training';
import { api, ApiError, errorMessage, type FieldError } from '../../api/client';
import type { ScoresImported, TrainingClassDetail } from '../../api/training-types';
import { download } from '../../components/download';

interface ScoreImportProblem {
  key: number;
  row: number | null;
  column: string;
  reason: string;
}

/** `rows.<row>.<field>` of a refused score import as row number and column; `file` problems have no row. */
function scoreImportProblems(fields: readonly FieldError[]): ScoreImportProblem[] {
  return fields.map((f, i) => {
    const [head, row, field] = f.path.split('.');
    if (head === 'rows' && row !== undefined)
      return { key: i, row: Number(row), column: SCORE_IMPORT_FIELD_COLUMNS[field ?? ''] ?? field ?? '', reason: f.message };
    return { key: i, row: null, column: f.path === 'file' ? '文件' : f.path, reason: f.message };
  });
}

/** 下载成绩模板 / 导入成绩: the Excel round trip of a class's scores; a refused file lists every bad row. */
export function ScoreImport({ c, onImported }: { c: TrainingClassDetail; onImported: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const [refused, setRefused] = useState<{ message: string; problems: ScoreImportProblem[] } | null>(null);
  const upload: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const data = new FormData();
    data.append('file', file as Blob);
    setUploading(true);
    setRefused(null);
    api
      .upload<ScoresImported>(`/api/training/classes/${String(c.id)}/scores/import`, data)
      .then(async (r) => {
        onSuccess?.(r);
        message.success(`已导入 ${String(r.imported)} 名学员的成绩，其中 ${String(r.changed)} 名有变动`);
        await onImported();
      })
      .catch((err: unknown) => {
        onError?.(err as Error);
        if (err instanceof ApiError && err.status === 400 && err.fields.some((f) => f.path.startsWith('rows.')))
          setRefused({ message: err.message, problems: scoreImportProblems(err.fields) });
        else message.error(errorMessage(err));
      })
      .finally(() => setUploading(false));
  };
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => download(`/api/training/classes/${String(c.id)}/scores/template.xlsx`)}>
        下载成绩模板
      </Button>
      <Upload accept=".xlsx" showUploadList={false} maxCount={1} customRequest={upload}>
        <Button icon={<UploadOutlined />} loading={uploading}>
          导入成绩
        </Button>
      </Upload>
      <Modal
        title="成绩未导入"
        open={refused !== null}
        onCancel={() => setRefused(null)}
        footer={<Button onClick={() => setRefused(null)}>关闭</Button>}
        width={720}
        destroyOnHidden
      >
        <Alert type="error" showIcon title={refused?.message} description="文件中的成绩均未导入。请按下表修改后重新导入。" style={{ marginBottom: 12 }} />
        <Table<ScoreImportProblem>
          rowKey="key"
          size="small"
          className="score-import-problems"
          dataSource={refused?.problems ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '行号', dataIndex: 'row', width: 70, render: (v: number | null) => (v === null ? '—' : `第 ${String(v)} 行`) },
            { title: '列', dataIndex: 'column', width: 100 },
            { title: '问题', dataIndex: 'reason' },
          ]}
        />
      </Modal>
    </>
  );
}
