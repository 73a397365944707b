/**
 * `npm run crypto:migrate -- --to gm` (or `--to default`): re-encrypts every ciphertext, re-computes every
 * lookup hash and re-signs every certificate with the target crypto profile (crypto/profile-migration.ts).
 * Needs both profiles' keys (CQO_* and CQO_GM_*, or keys.json); run it with the application nodes stopped,
 * then start them with CQO_CRYPTO_PROFILE set to the target. Resumable: a second run continues where one stopped.
 * Options: --to default|gm (required), --batch N (rows per transaction, default 200).
 */
import { parseArgs } from 'node:util';
import { AUDIT_CHAIN_PURPOSE, configureAuditChain } from '../audit/audit-log';
import { openAndPrepare } from '../bootstrap';
import { loadConfig, type Config } from '../config';
import { CryptoService, type CryptoProfile } from '../crypto/index';
import { migrateCryptoProfile } from '../crypto/profile-migration';

const { values } = parseArgs({ options: { to: { type: 'string' }, batch: { type: 'string', default: '200' } } });
if (values.to !== 'gm' && values.to !== 'default') {
  console.error('用法：npm run crypto:migrate -- --to gm|default [--batch 200]');
  process.exit(64);
}
const to: CryptoProfile = values.to === 'gm' ? 'gm' : 'default';
const batchSize = Number(values.batch);
if (!Number.isInteger(batchSize) || batchSize < 1) {
  console.error('--batch 须为正整数');
  process.exit(64);
}
// the target profile's keys are loaded (and, in the embedded default, generated) beside the current ones
const config: Config = { ...loadConfig(), cryptoProfile: to };
const opened = await openAndPrepare(config, { seed: false });
try {
  const crypto = new CryptoService(opened.keys);
  configureAuditChain(crypto.auditChain(AUDIT_CHAIN_PURPOSE));
  const started = performance.now();
  const result = await migrateCryptoProfile(opened.db, crypto, to, {
    batchSize,
    onProgress: (p) => console.log(`${p.step}: ${p.done}/${p.total}`),
  });
  console.log(
    `完成：重新加密 ${result.reEncrypted} 项，重新签名 ${result.reSigned} 张证书（${Math.round(performance.now() - started)} ms）。Done: profile ${to}.`,
  );
  if (result.badSignatures.length) {
    console.error(`以下证书原签名校验失败，未重新签名（请核查）：${result.badSignatures.join(', ')}`);
    process.exitCode = 2;
  }
} finally {
  await opened.close();
}
