import { PageHeader } from '../../components/PageHeader';
import { AwardSchemesCard } from './AwardSchemesCard';
import { WorkingCalendarCard } from './WorkingCalendarCard';

/** 政策规则 (province): the data the policy's rules read — the working-day calendar and the award conditions. */
export default function PolicyRulesPage() {
  return (
    <>
      <PageHeader title="政策规则" description="由省局维护、系统据以计算的政策数据：各年度工作日历（审核期限等工作日计算）和政府质量奖申报的首席质量官条件。" />
      <WorkingCalendarCard />
      <AwardSchemesCard />
    </>
  );
}
