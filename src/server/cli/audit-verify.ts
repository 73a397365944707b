/**
 * `npm run audit:verify`: walks the audit chain of the configured database (CQO_DATA_DIR or DATABASE_URL).
 * Exit 0 when intact; exit 2 naming the first bad row when any row was changed, removed or inserted.
 */
import { verifyAuditChain } from '../audit/audit-log';
import { openAndPrepare } from '../bootstrap';
import { loadConfig } from '../config';

const config = loadConfig();
const opened = await openAndPrepare(config, { seed: false });
try {
  const started = performance.now();
  const result = await verifyAuditChain(opened.db);
  const ms = Math.round(performance.now() - started);
  if (result.ok) {
    console.log(`审计日志完整：已校验 ${result.checked} 条记录（${ms} ms）。 Audit chain intact: ${result.checked} rows verified.`);
    process.exitCode = 0;
  } else {
    const bad = result.firstBad;
    console.error(
      `审计日志校验失败：第 ${bad?.seq ?? '?'} 条（id ${bad?.id ?? '—'}）：${bad?.reason ?? ''}；此前 ${result.checked} 条完好。` +
        ` Audit chain BROKEN at seq ${bad?.seq ?? '?'} (id ${bad?.id ?? '-'}).`,
    );
    process.exitCode = 2;
  }
} finally {
  await opened.close();
}
