import { Cascader, Col, Form, InputNumber, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import type { Ownership, Scale } from '../../../domain/enterprise';
import { divisionOptions, INDUSTRY_CASCADER_OPTIONS, OWNERSHIP_OPTIONS, SCALE_OPTIONS, SECTION_OPTIONS } from '../../components/enterprise-dict';
import { useIsMobile } from '../../components/use-is-mobile';
import './enterprises.css';

/** Form values of the classification fields; `industryCode` is the Cascader path [门类, 大类]. */
export interface ClassificationValues {
  industryCode?: string[];
  scale?: Scale;
  ownership?: Ownership;
  aboveScale?: boolean;
  aboveScaleYear?: number | null;
}

export const CLASSIFICATION_FIELDS = ['industryCode', 'scale', 'ownership', 'aboveScale', 'aboveScaleYear'] as const;

/** The API body part: the 大类 code, and no year unless 规上. */
export function classificationBody(v: ClassificationValues) {
  const industryCode = v.industryCode?.[v.industryCode.length - 1];
  return {
    ...(industryCode ? { industryCode } : {}),
    ...(v.scale ? { scale: v.scale } : {}),
    ...(v.ownership ? { ownership: v.ownership } : {}),
    aboveScale: Boolean(v.aboveScale),
    aboveScaleYear: v.aboveScale ? (v.aboveScaleYear ?? null) : null,
  };
}

const filterIndustry = (input: string, path: { label?: ReactNode }[]) =>
  path.some((o) =>
    String(o.label ?? '')
      .toLowerCase()
      .includes(input.trim().toLowerCase()),
  );

/**
 * The industry as [门类, 大类]: a Cascader on a wide screen; on a phone, where two cascading columns do not fit,
 * two selects one above the other.
 */
function IndustryPicker({
  value,
  onChange,
  required,
  id,
}: {
  value?: string[];
  onChange?: (value: string[] | undefined) => void;
  required: boolean;
  id?: string;
}) {
  const isMobile = useIsMobile();
  const [section, division] = value ?? [];
  if (!isMobile) {
    return (
      <Cascader
        id={id}
        options={INDUSTRY_CASCADER_OPTIONS}
        placeholder="门类 / 大类"
        showSearch={{ filter: filterIndustry, limit: 30 }}
        expandTrigger="hover"
        popupMenuColumnStyle={{ maxWidth: 300, whiteSpace: 'normal' }}
        allowClear={!required}
        value={value}
        onChange={(v) => onChange?.(v?.length ? (v as string[]) : undefined)}
      />
    );
  }
  return (
    <div className="industry-picker">
      <Select<string>
        id={id}
        placeholder="先选门类"
        options={SECTION_OPTIONS}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear={!required}
        value={section}
        onChange={(v) => onChange?.(v ? [v] : undefined)}
      />
      <Select<string>
        placeholder="再选大类"
        options={divisionOptions(section)}
        showSearch={{ optionFilterProp: 'label' }}
        disabled={!section}
        value={division}
        onChange={(v) => onChange?.(section && v ? [section, v] : section ? [section] : undefined)}
      />
    </div>
  );
}

/** A 门类 alone is not enough: the 大类 decides the record's industry. */
const industryRule = (required: boolean) => ({
  validator: (_r: unknown, v: string[] | undefined) => {
    if (!v?.length) return required ? Promise.reject(new Error('请选择行业门类和大类')) : Promise.resolve();
    return v.length < 2 ? Promise.reject(new Error('请再选择行业大类')) : Promise.resolve();
  },
});

/**
 * 行业 (Cascader 门类 → 大类), 企业规模, 经济类型, 规上企业 + 规上年度: shared by the roster form, the enterprise's own
 * profile, the bureau's confirmation of a registration and self-registration (where they are optional).
 * Renders <Col>s for the caller's <Row>.
 */
export function ClassificationFields({ required = true, md = 12 }: { required?: boolean; md?: number }) {
  const isMobile = useIsMobile();
  const form = Form.useFormInstance<ClassificationValues>();
  const aboveScale = Form.useWatch('aboveScale', form) as boolean | undefined;
  return (
    <>
      <Col xs={24} md={md}>
        <Form.Item
          label="所属行业"
          name="industryCode"
          required={required}
          rules={[industryRule(required)]}
          extra={isMobile ? '按 GB/T 4754-2017 选择门类和大类' : '按 GB/T 4754-2017 选择门类和大类，可输入关键字搜索'}
        >
          <IndustryPicker required={required} />
        </Form.Item>
      </Col>
      <Col xs={12} md={md / 2}>
        <Form.Item label="企业规模" name="scale" rules={required ? [{ required: true, message: '请选择企业规模' }] : []}>
          <Select<Scale> placeholder="请选择" options={SCALE_OPTIONS} allowClear={!required} />
        </Form.Item>
      </Col>
      <Col xs={12} md={md / 2}>
        <Form.Item label="经济类型" name="ownership" rules={required ? [{ required: true, message: '请选择经济类型' }] : []}>
          <Select<Ownership> placeholder="请选择" options={OWNERSHIP_OPTIONS} allowClear={!required} />
        </Form.Item>
      </Col>
      <Col xs={12} md={md / 2}>
        <Form.Item label="规上企业" name="aboveScale" valuePropName="checked" tooltip="规模以上工业企业等（以统计部门认定为准）">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      </Col>
      <Col xs={12} md={md / 2}>
        {aboveScale ? (
          <Form.Item label="规上年度" name="aboveScaleYear" rules={[{ required: true, message: '规上企业须填写规上年度' }]}>
            <InputNumber<number> min={2000} max={2100} precision={0} placeholder="如 2025" className="full-width" inputMode="numeric" />
          </Form.Item>
        ) : null}
      </Col>
    </>
  );
}
