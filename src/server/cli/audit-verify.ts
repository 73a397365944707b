/**
 * `npm run audit:verify`: walks the audit chain of the configured database (CQO_DATA_DIR or DATABASE_URL) and
 * compares it with the newest signed checkpoint in CQO_AUDIT_CHECKPOINT_DIR.
 * Exit 0 when intact; exit 2 naming the first bad row when any row was changed, removed or inserted, the tail
 * was deleted or the table truncated.
 */
import { verifyAuditWithCheckpoint } from '../audit/checkpoint';
import { openAndPrepare } from '../bootstrap';
import { loadConfig } from '../config';
import { CryptoService } from '../crypto/index';

const config = loadConfig();
const opened = await openAndPrepare(config, { seed: false });
try {
  const started = performance.now();
  const result = await verifyAuditWithCheckpoint(opened.db, new CryptoService(opened.keys), config.auditCheckpointDir);
  const ms = Math.round(performance.now() - started);
  const anchor = result.checkpoint
    ? `签名检查点：第 ${result.checkpoint.seq} 条（${result.checkpoint.at}）`
    : `警告：没有签名检查点（${config.auditCheckpointDir}），末尾删除无法发现`;
  if (result.forgedCheckpoints > 0) console.error(`检查点文件中有 ${result.forgedCheckpoints} 行签名无效，已忽略。`);
  if (result.ok) {
    console.log(`审计日志完整：已校验 ${result.checked} 条记录（${ms} ms）；${anchor}。 Audit chain intact: ${result.checked} rows verified.`);
    process.exitCode = 0;
  } else {
    const bad = result.firstBad;
    console.error(
      `审计日志校验失败：第 ${bad?.seq ?? '?'} 条（id ${bad?.id ?? '—'}）：${bad?.reason ?? ''}；此前 ${result.checked} 条完好；${anchor}。` +
        ` Audit chain BROKEN at seq ${bad?.seq ?? '?'} (id ${bad?.id ?? '-'}).`,
    );
    process.exitCode = 2;
  }
} finally {
  await opened.close();
}
