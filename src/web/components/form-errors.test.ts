import type { FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { ApiError, type FieldError } from '../api/client';
import { applyServerErrors, registeredFieldNames, type FieldName } from './form-errors';

/** A form that records what `setFields` was given and lists the given fields as registered, as antd's does. */
function recordingForm(names: FieldName[]) {
  const set: { name: unknown; errors: string[] }[] = [];
  const form = {
    getFieldsError: () => names.map((name) => ({ name: typeof name === 'string' ? [name] : [...name], errors: [], warnings: [] })),
    setFields: (fields: { name: unknown; errors?: string[] }[]) => set.push(...fields.map((f) => ({ name: f.name, errors: f.errors ?? [] }))),
  } as unknown as FormInstance;
  return { form, set };
}

const refusal = (...fields: FieldError[]) => new ApiError(400, 'VALIDATION', fields.map((f) => f.message).join('；'), fields);

describe('applyServerErrors', () => {
  it('puts a nested or list path on the field of that NamePath, numbers kept as numbers, without the label', () => {
    const { form, set } = recordingForm([['rules', 'sme', 'minQualityYears'], ['rules', 2, 'minYears'], 'note']);
    const rest = applyServerErrors(
      form,
      refusal(
        { path: 'rules.sme.minQualityYears', label: '最低质量工作年限', message: '最低质量工作年限：不能大于 40' },
        { path: 'rules.2.minYears', label: '规则第 3 项的年限', message: '规则第 3 项的年限：必填' },
      ),
      registeredFieldNames(form),
    );
    expect(set).toEqual([
      { name: ['rules', 'sme', 'minQualityYears'], errors: ['不能大于 40'] },
      { name: ['rules', 2, 'minYears'], errors: ['必填'] },
    ]);
    expect(rest).toBeNull();
  });

  it('returns what no field took, and maps paths through fieldMap (a NamePath, or "" for above the form)', () => {
    const { form, set } = recordingForm(['period', ['rules', 0, 'weight']]);
    const rest = applyServerErrors(
      form,
      refusal(
        { path: 'body.publicityStart', label: '公示开始日期', message: '公示开始日期：必填' },
        { path: 'weights.0', label: '权重第 1 项', message: '权重第 1 项：不能小于 0' },
        { path: 'rules', label: '规则', message: '规则：权重之和应为 100' },
        { path: 'rules.1.weight', label: '规则第 2 项的权重', message: '规则第 2 项的权重：必填' },
      ),
      registeredFieldNames(form),
      { publicityStart: 'period', 'weights.0': ['rules', 0, 'weight'], rules: '' },
    );
    expect(set).toEqual([
      { name: ['period'], errors: ['必填'] },
      { name: ['rules', 0, 'weight'], errors: ['不能小于 0'] },
    ]);
    expect(rest).toBe('规则：权重之和应为 100；规则第 2 项的权重：必填');
  });

  it('gathers several errors of one field, and falls back to the whole message when no field matched', () => {
    const { form, set } = recordingForm([['rules', 'sme', 'minEducation']]);
    expect(
      applyServerErrors(
        form,
        refusal(
          { path: 'rules.sme.minEducation', message: '请选择学历' },
          { path: 'rules.sme.minEducation', label: '最低学历', message: '最低学历：请从给定的选项中选择' },
        ),
        registeredFieldNames(form),
      ),
    ).toBeNull();
    expect(set).toEqual([{ name: ['rules', 'sme', 'minEducation'], errors: ['请选择学历', '请从给定的选项中选择'] }]);

    const other = recordingForm(['note']);
    expect(applyServerErrors(other.form, refusal({ path: 'rules.aboveScale', label: '规上企业', message: '规上企业：必填' }), ['note'])).toBe('规上企业：必填');
    expect(other.set).toEqual([]);
  });

  it('gives a refusal without fields, and any other failure, as a message', () => {
    const { form } = recordingForm(['note']);
    expect(applyServerErrors(form, new ApiError(409, 'STATE', '2025 年已结束'), ['note'])).toBe('2025 年已结束');
    expect(applyServerErrors(form, 'boom', ['note'])).toBe('操作失败，请稍后重试');
  });
});
