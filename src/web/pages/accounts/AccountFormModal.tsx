import { Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { ORG_UNIT_KIND_LABELS } from '../../../domain/org-unit';
import { ROLE_LABELS, ROLE_ORG_UNIT_KINDS, type Role } from '../../../domain/permissions';
import { phoneProblem } from '../../../domain/phone';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Account, OrgUnitNode } from '../../api/types';
import { useMe } from '../../auth/session';
import { flattenOrgTree, toTreeSelectData } from '../../components/org-tree';
import { SECTION_OPTIONS } from '../../components/enterprise-dict';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useIsMobile } from '../../components/use-is-mobile';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: number;
  phone?: string;
  /** Departments only: GB/T 4754 sections (A–T); empty = every industry. */
  industrySections?: string[];
}

export interface CreatedAccount {
  account: Account;
  temporaryPassword: string;
}

/** 新建账户 (editing = null) or 编辑 an existing account (username and role stay as they are). */
export function AccountFormModal({
  open,
  editing,
  tree,
  onClose,
  onCreated,
  onUpdated,
}: {
  open: boolean;
  editing: Account | null;
  tree: readonly OrgUnitNode[];
  onClose: () => void;
  onCreated: (created: CreatedAccount) => void;
  onUpdated: (account: Account) => void;
}) {
  const me = useMe();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const grantable = me.abilities.grantableRoles;
  const watchedRole = Form.useWatch('role', form);
  const role: Role | undefined = editing ? editing.role : watchedRole;
  const allowedKinds = role ? ROLE_ORG_UNIT_KINDS[role] : undefined;

  const treeData = useMemo(() => toTreeSelectData(tree, allowedKinds ?? []), [tree, allowedKinds]);
  const choosable = useMemo(() => flattenOrgTree(tree).filter((n) => allowedKinds?.includes(n.kind)), [tree, allowedKinds]);

  const save = useFormMutation({
    form,
    mutationFn: async (values: Values) => {
      const phone = values.phone?.trim() ?? '';
      const isDepartment = (editing ? editing.role : values.role) === 'department';
      const sections = values.industrySections ?? [];
      if (editing) {
        const body = {
          displayName: values.displayName.trim(),
          phone: phone || null,
          orgUnitId: values.orgUnitId,
          // null: every industry
          ...(isDepartment ? { industrySections: sections.length ? sections : null } : {}),
        };
        return { kind: 'updated' as const, account: await api.patch<Account>(`/api/accounts/${editing.id}`, body) };
      }
      const body = {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        orgUnitId: values.orgUnitId,
        ...(phone ? { phone } : {}),
        ...(isDepartment && sections.length ? { industrySections: sections } : {}),
      };
      return { kind: 'created' as const, created: await api.post<CreatedAccount>('/api/accounts', body) };
    },
    // a new account's one-time password is shown by the page instead of a message
    success: (outcome) => (outcome.kind === 'updated' ? '账户已保存' : null),
    invalidate: [queryKeys.accounts.all],
    onDone: (outcome) => {
      if (outcome.kind === 'created') onCreated(outcome.created);
      else onUpdated(outcome.account);
    },
  });

  const { clearError } = save;
  useEffect(() => {
    if (!open) return;
    clearError();
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        displayName: editing.displayName,
        phone: editing.phone ?? '',
        orgUnitId: editing.orgUnitId,
        industrySections: editing.industrySections ?? [],
      });
    }
  }, [open, editing, form, clearError]);

  // A new role may not sit at the unit chosen for the previous one; with a single possible unit, choose it.
  useEffect(() => {
    if (editing || !open || !role) return;
    const chosen = form.getFieldValue('orgUnitId') as number | undefined;
    if (chosen !== undefined && !choosable.some((n) => n.id === chosen)) form.setFieldValue('orgUnitId', undefined);
    else if (chosen === undefined && choosable.length === 1) form.setFieldValue('orgUnitId', choosable[0]?.id);
  }, [editing, open, role, choosable, form]);

  const kindsText = (allowedKinds ?? []).map((k) => ORG_UNIT_KIND_LABELS[k]).join('、');

  return (
    <Modal
      open={open}
      title={editing ? `编辑账户：${editing.displayName}` : '新建账户'}
      okText={editing ? '保存' : '创建'}
      onOk={() => void save.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 560}
      className="form-modal"
    >
      <FormError error={save.error} />
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)} onValuesChange={clearError}>
        {editing ? (
          <Form.Item label="用户名">
            <Input value={`${editing.username}（${ROLE_LABELS[editing.role]}）`} disabled />
          </Form.Item>
        ) : (
          <Form.Item
            label="用户名"
            name="username"
            extra="用于登录，创建后不可修改。以字母开头，3～32 位字母、数字、下划线、点或连字符。"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input placeholder="如 zhangsan" autoComplete="off" autoCapitalize="off" spellCheck={false} maxLength={32} />
          </Form.Item>
        )}
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名或单位名称' }]}>
          <Input placeholder="姓名或科室、单位名称" maxLength={40} />
        </Form.Item>
        {editing ? null : (
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select placeholder="请选择角色" options={grantable.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
        )}
        <Form.Item
          label="所属单位"
          name="orgUnitId"
          rules={[{ required: true, message: '请选择所属单位' }]}
          extra={role ? `“${ROLE_LABELS[role]}”账户可设在：${kindsText}（灰色单位不可选）` : '请先选择角色'}
        >
          <TreeSelect
            placeholder="请选择所属单位"
            treeData={treeData}
            disabled={!role}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandedKeys={tree.map((n) => n.id)}
          />
        </Form.Item>
        {role === 'department' ? (
          <Form.Item label="负责行业" name="industrySections" extra="行业主管部门只能查看所负责行业（GB/T 4754-2017 门类）的企业；不选即为全部行业。">
            <Select
              mode="multiple"
              placeholder="全部行业"
              options={SECTION_OPTIONS}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              maxTagCount="responsive"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label="手机号码"
          name="phone"
          rules={[
            {
              validator: (_rule, value: string | undefined) => {
                const v = value?.trim();
                const problem = v ? phoneProblem(v) : null;
                return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
              },
            },
          ]}
        >
          <Input placeholder="选填，11 位手机号或带区号的固定电话" inputMode="tel" maxLength={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
