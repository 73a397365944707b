import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Drawer, Form, Input, Modal, Row, Space, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ORG_UNIT_KIND_LABELS, type OrgUnitKind } from '../../domain/org-unit';
import { api } from '../api/client';
import type { OrgUnit, OrgUnitNode } from '../api/types';
import { Access } from '../auth/Access';
import { flattenOrgTree, ORG_TREE_KEY, useOrgTree } from '../components/org-tree';
import { QueryState } from '../components/list/QueryState';
import { FormError, useFormMutation } from '../components/list/use-form-mutation';
import { PageHeader } from '../components/PageHeader';
import { useIsMobile } from '../components/use-is-mobile';

const KIND_COLORS: Record<OrgUnitKind, string> = { province: 'red', city: 'blue', county: 'cyan', zone: 'purple' };
const SOURCE_LABELS: Record<OrgUnitNode['source'], string> = { gbt2260: '行政区划（GB/T 2260）', admin: '管理员新增' };

/** Keeps the nodes that match and their ancestors; returns the ids to expand so every match is visible. */
function filterTree(nodes: readonly OrgUnitNode[], term: string, expand: Set<number>): OrgUnitNode[] {
  const out: OrgUnitNode[] = [];
  for (const n of nodes) {
    const children = filterTree(n.children, term, expand);
    const hit = n.name.includes(term) || n.code.includes(term);
    if (hit || children.length) {
      if (children.length) expand.add(n.id);
      out.push({ ...n, children: hit && !children.length ? n.children : children });
    }
  }
  return out;
}

function highlight(text: string, term: string): ReactNode {
  const at = term ? text.indexOf(term) : -1;
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + term.length)}</mark>
      {text.slice(at + term.length)}
    </>
  );
}

type ZoneDialog = { mode: 'create'; parent: OrgUnitNode } | { mode: 'rename'; unit: OrgUnitNode };

function ZoneModal({
  dialog,
  onClose,
  onSaved,
}: {
  dialog: ZoneDialog | null;
  onClose: () => void;
  onSaved: (unit: OrgUnit, mode: ZoneDialog['mode']) => void;
}) {
  const [form] = Form.useForm<{ name: string }>();
  const save = useFormMutation({
    form,
    mutationFn: ({ name }: { name: string }) => {
      if (!dialog) throw new Error('no dialog');
      return dialog.mode === 'create'
        ? api.post<OrgUnit>('/api/org-units', { parentId: dialog.parent.id, name: name.trim() })
        : api.patch<OrgUnit>(`/api/org-units/${dialog.unit.id}`, { name: name.trim() });
    },
    success: (unit) => (dialog?.mode === 'create' ? `已新增“${unit.name}”，代码 ${unit.code}` : `已更名为“${unit.name}”`),
    invalidate: [ORG_TREE_KEY],
    onDone: (unit) => dialog && onSaved(unit, dialog.mode),
  });
  const { clearError } = save;
  useEffect(() => {
    if (!dialog) return;
    clearError();
    form.setFieldsValue({ name: dialog.mode === 'rename' ? dialog.unit.name : '' });
  }, [dialog, form, clearError]);
  return (
    <Modal
      open={dialog !== null}
      title={dialog?.mode === 'create' ? `在“${dialog.parent.name}”下新增开发区/园区` : '重命名开发区/园区'}
      okText={dialog?.mode === 'create' ? '新增' : '保存'}
      onOk={() => void save.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError error={save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} onValuesChange={clearError}>
        <Form.Item
          label="名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入名称' },
            { min: 2, message: '名称至少 2 个字' },
          ]}
          extra={dialog?.mode === 'create' ? '系统将自动生成单位代码（上级代码 + Z + 序号）。' : undefined}
        >
          <Input placeholder="如 南京经济技术开发区" maxLength={40} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function UnitDetail({ unit, onCreate, onRename }: { unit: OrgUnitNode; onCreate: () => void; onRename: () => void }) {
  const canAddZone = unit.kind === 'city' || unit.kind === 'county';
  const canRename = unit.kind === 'zone' && unit.source === 'admin';
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'name', label: '名称', children: unit.name },
          { key: 'code', label: '代码', children: <span className="mono">{unit.code}</span> },
          { key: 'kind', label: '类别', children: <Tag color={KIND_COLORS[unit.kind]}>{ORG_UNIT_KIND_LABELS[unit.kind]}</Tag> },
          { key: 'source', label: '来源', children: SOURCE_LABELS[unit.source] },
          { key: 'children', label: '直属下级', children: `${unit.children.length} 个` },
        ]}
      />
      <Access permission="org_units:manage">
        <Space wrap className="detail-actions">
          {canAddZone ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
              新增开发区/园区
            </Button>
          ) : null}
          {canRename ? (
            <Button icon={<EditOutlined />} onClick={onRename}>
              重命名
            </Button>
          ) : null}
          {!canAddZone && !canRename ? (
            <Typography.Text type="secondary">
              {unit.kind === 'zone' ? '行政区划单位名称以 GB/T 2260 为准，不可修改。' : '开发区/园区只能设在设区市或县（市、区）之下。'}
            </Typography.Text>
          ) : null}
        </Space>
      </Access>
    </>
  );
}

export default function OrgUnitsPage() {
  const tree = useOrgTree();
  const isMobile = useIsMobile();
  const [term, setTerm] = useState('');
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<ZoneDialog | null>(null);

  const all = useMemo(() => flattenOrgTree(tree.data ?? []), [tree.data]);
  const selected = all.find((n) => n.id === selectedId) ?? null;
  const zones = all.filter((n) => n.kind === 'zone').length;

  const { visible, searchExpand } = useMemo(() => {
    const nodes = tree.data ?? [];
    const t = term.trim();
    if (!t) return { visible: nodes, searchExpand: null };
    const expand = new Set<number>();
    return { visible: filterTree(nodes, t, expand), searchExpand: [...expand] };
  }, [tree.data, term]);

  const treeData = useMemo<TreeDataNode[]>(() => {
    const t = term.trim();
    const convert = (nodes: readonly OrgUnitNode[]): TreeDataNode[] =>
      nodes.map((n) => ({
        key: n.id,
        title: (
          <span className="org-node">
            <span className="org-node-name">{highlight(n.name, t)}</span>
            <span className="org-node-code mono">{highlight(n.code, t)}</span>
            <Tag color={KIND_COLORS[n.kind]} className="org-node-tag">
              {ORG_UNIT_KIND_LABELS[n.kind]}
            </Tag>
          </span>
        ),
        children: convert(n.children),
      }));
    return convert(visible);
  }, [visible, term]);

  const defaultExpanded = (tree.data ?? []).map((n) => n.id);
  const expandedKeys = searchExpand ?? expanded ?? defaultExpanded;

  const onSaved = (unit: OrgUnit, mode: ZoneDialog['mode']) => {
    setDialog(null);
    if (mode === 'create' && selected) setExpanded([...new Set([...(expanded ?? defaultExpanded), selected.id])]);
    setSelectedId(unit.id);
  };

  const detail = selected ? (
    <UnitDetail
      unit={selected}
      onCreate={() => setDialog({ mode: 'create', parent: selected })}
      onRename={() => setDialog({ mode: 'rename', unit: selected })}
    />
  ) : (
    <Typography.Text type="secondary">在左侧选择一个单位查看详情。</Typography.Text>
  );

  return (
    <div className="page">
      <PageHeader
        title="组织机构"
        description={tree.data ? `本级及下级单位共 ${all.length} 个，其中开发区/园区 ${zones} 个。行政区划依 GB/T 2260。` : undefined}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={14} xl={15}>
          <Card size="small" className="block-card">
            <Input.Search
              placeholder="按名称或代码查找单位"
              aria-label="按名称或代码查找单位"
              allowClear
              value={term}
              onChange={(e) => setTerm(e.target.value)}
              className="tree-search"
            />
            <Access permission="org_units:manage">
              <Typography.Paragraph type="secondary" className="tree-hint">
                选择设区市或县（市、区）后可新增开发区/园区；选择开发区/园区后可重命名。
              </Typography.Paragraph>
            </Access>
            <QueryState
              query={tree}
              what="组织机构"
              empty={term.trim() ? '没有名称或代码匹配的单位' : '暂无可查看的单位'}
              isEmpty={() => treeData.length === 0}
            >
              {() => (
                <Tree
                  className="org-tree"
                  treeData={treeData}
                  showLine
                  blockNode
                  expandedKeys={expandedKeys}
                  onExpand={(keys) => setExpanded(keys.map(Number))}
                  selectedKeys={selectedId !== null ? [selectedId] : []}
                  onSelect={(keys) => setSelectedId(keys.length ? Number(keys[0]) : null)}
                />
              )}
            </QueryState>
          </Card>
        </Col>
        {isMobile ? null : (
          <Col md={10} xl={9}>
            <Card size="small" title={selected ? selected.name : '单位详情'} className="block-card sticky-card">
              {detail}
            </Card>
          </Col>
        )}
      </Row>
      {isMobile ? (
        <Drawer
          placement="bottom"
          open={selected !== null && dialog === null}
          onClose={() => setSelectedId(null)}
          title={selected?.name}
          size={380}
          className="detail-drawer"
        >
          {detail}
        </Drawer>
      ) : null}
      <ZoneModal dialog={dialog} onClose={() => setDialog(null)} onSaved={onSaved} />
    </div>
  );
}
