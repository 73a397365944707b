import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Row } from 'antd';
import { useMemo, useState } from 'react';
import { divisionOptions, OWNERSHIP_OPTIONS, SCALE_OPTIONS, SECTION_OPTIONS, STATUS_OPTIONS } from '../../components/enterprise-dict';
import { FilterSelect } from '../../components/FilterField';
import { UnitFilter, UrlKeyword } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';

/** The list's filters, as they stand in the address bar (so 返回 from a detail page keeps them). */
export const ENTERPRISE_FILTER_KEYS = [
  'q',
  'orgUnitId',
  'industrySection',
  'industryCode',
  'scale',
  'ownership',
  'aboveScale',
  'status',
  'hasOfficer',
  'flagged',
] as const;
export type EnterpriseFilterKey = (typeof ENTERPRISE_FILTER_KEYS)[number];
export type EnterpriseFilterValues = Partial<Record<EnterpriseFilterKey, string>>;
/** Filters behind 更多筛选 on a narrow screen. */
const MORE_KEYS: readonly EnterpriseFilterKey[] = ['scale', 'ownership', 'aboveScale', 'status', 'hasOfficer', 'flagged'];

const yesNo = (yes: string, no: string) => [
  { value: 'true', label: yes },
  { value: 'false', label: no },
];

/** The 企业名录's filter card: keyword, unit and industry always; the rest behind 更多筛选 on a phone. */
export function EnterpriseFilters({
  filters,
  update,
  anyFilter,
  onReset,
}: {
  filters: EnterpriseFilterValues;
  update: (patch: Record<string, string | number | undefined>) => void;
  anyFilter: boolean;
  onReset: () => void;
}) {
  const isMobile = useIsMobile();
  const [moreOpen, setMoreOpen] = useState(!isMobile);
  const setFilter = (key: EnterpriseFilterKey, value: string | number | undefined) => update({ [key]: value });
  const divisions = useMemo(() => divisionOptions(filters.industrySection), [filters.industrySection]);
  const hiddenActive = MORE_KEYS.filter((k) => filters[k] !== undefined).length;

  const boolSelect = (key: EnterpriseFilterKey, label: string, options: { value: string; label: string }[]) => (
    <FilterSelect<string>
      label={label}
      placeholder="全部"
      className="full-width"
      options={options}
      value={filters[key]}
      onChange={(v) => setFilter(key, v)}
      popupMatchSelectWidth={false}
    />
  );

  return (
    <Card className="filter-card" size="small">
      <Row gutter={[12, 12]}>
        <Col xs={24} sm={12} lg={6}>
          <UrlKeyword value={filters.q} placeholder="企业名称或信用代码" onApply={(q) => setFilter('q', q)} />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <UnitFilter
            label="所属单位"
            placeholder="全部单位（含下级）"
            className="full-width"
            value={filters.orgUnitId}
            onChange={(v) => setFilter('orgUnitId', v)}
          />
        </Col>
        <Col xs={12} lg={6}>
          <FilterSelect<string>
            label="行业门类"
            placeholder="全部门类"
            showSearch={{ optionFilterProp: 'label' }}
            className="full-width"
            options={SECTION_OPTIONS}
            value={filters.industrySection}
            onChange={(v) => {
              const keep = v && filters.industryCode && divisionOptions(v).some((d) => d.value === filters.industryCode);
              update({ industrySection: v, industryCode: keep ? filters.industryCode : undefined });
            }}
            popupMatchSelectWidth={isMobile ? false : 320}
          />
        </Col>
        <Col xs={12} lg={6}>
          <FilterSelect<string>
            label="行业大类"
            placeholder="全部大类"
            showSearch={{ optionFilterProp: 'label' }}
            className="full-width"
            options={divisions}
            value={filters.industryCode}
            onChange={(v) => setFilter('industryCode', v)}
            popupMatchSelectWidth={isMobile ? false : 320}
          />
        </Col>
        {moreOpen ? (
          <>
            <Col xs={12} sm={8} lg={4}>
              <FilterSelect<string>
                label="企业规模"
                placeholder="全部规模"
                className="full-width"
                options={SCALE_OPTIONS}
                value={filters.scale}
                onChange={(v) => setFilter('scale', v)}
              />
            </Col>
            <Col xs={12} sm={8} lg={4}>
              <FilterSelect<string>
                label="经济类型"
                placeholder="全部经济类型"
                className="full-width"
                options={OWNERSHIP_OPTIONS}
                value={filters.ownership}
                onChange={(v) => setFilter('ownership', v)}
                popupMatchSelectWidth={false}
              />
            </Col>
            <Col xs={12} sm={8} lg={4}>
              {boolSelect('aboveScale', '规上企业', yesNo('规上企业', '非规上企业'))}
            </Col>
            <Col xs={12} sm={8} lg={4}>
              <FilterSelect<string>
                label="经营状态"
                placeholder="全部经营状态"
                className="full-width"
                options={STATUS_OPTIONS}
                value={filters.status}
                onChange={(v) => setFilter('status', v)}
              />
            </Col>
            <Col xs={12} sm={8} lg={4}>
              {boolSelect('hasOfficer', '首席质量官', yesNo('已聘任首席质量官', '未聘任首席质量官'))}
            </Col>
            <Col xs={12} sm={8} lg={4}>
              {boolSelect('flagged', '待核实', yesNo('有待核实事项', '无待核实事项'))}
            </Col>
          </>
        ) : null}
      </Row>
      <div className="filter-toolbar">
        <Button type="link" size="small" onClick={() => setMoreOpen((o) => !o)} icon={moreOpen ? <UpOutlined /> : <DownOutlined />} iconPlacement="end">
          {moreOpen ? '收起筛选' : '更多筛选'}
          {!moreOpen && hiddenActive ? <Badge count={hiddenActive} size="small" className="filter-badge" /> : null}
        </Button>
        {anyFilter ? (
          <Button type="link" size="small" onClick={onReset}>
            清除全部条件
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
