import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import { FileTooLarge } from '../../storage/file-store';
import { withStagedUpload } from '../../storage/staged-upload';
import { checkXlsxArchive } from '../../storage/upload-checks';
import { readScoreFile, type ScoreFileRow } from './score-import';

/**
 * Reads the score file of a multipart request (the route's parsing step): one .xlsx within the import limits,
 * read from a temporary file of this request only; the scores go to the database, the file is not kept.
 */
export async function readScoreUpload(
  request: FastifyRequest,
  config: Pick<Config, 'importMaxBytes' | 'importMaxInflatedBytes'>,
): Promise<{ fileName: string; rows: ScoreFileRow[] }> {
  const tooLarge = () => new AppError(413, 'PAYLOAD_TOO_LARGE', `文件超过 ${String(Math.round(config.importMaxBytes / 1048576))} MB，请使用本班的成绩模板`);
  const file = await request.file({ limits: { fileSize: config.importMaxBytes, files: 1 } });
  if (!file) throw new AppError(400, 'VALIDATION', '请选择要导入的 Excel 文件', [{ path: 'file', message: '请选择文件' }]);
  if (!/\.xlsx$/i.test(file.filename)) {
    file.file.resume();
    throw new AppError(400, 'VALIDATION', '只能导入 .xlsx 格式的文件', [{ path: 'file', message: '请上传 .xlsx 文件' }]);
  }
  let rows: ScoreFileRow[];
  try {
    rows = await withStagedUpload(file.file, config.importMaxBytes, async (path) => {
      if (file.file.truncated) throw tooLarge();
      await checkXlsxArchive(path, config.importMaxInflatedBytes);
      try {
        return await readScoreFile(path, { limits: { maxInflatedBytes: config.importMaxInflatedBytes } });
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError(400, 'VALIDATION', '文件无法读取，请使用本班的成绩模板', [{ path: 'file', message: '文件无法读取' }]);
      }
    });
  } catch (err) {
    if (err instanceof FileTooLarge || (err as { statusCode?: number }).statusCode === 413) throw tooLarge();
    throw err;
  }
  return { fileName: file.filename.slice(0, 200), rows };
}
