import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import unzipper from 'unzipper';
import { TRAINING_TIER_LABELS, type TrainingTier } from '../../../domain/training-delegation';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { sendFile } from '../../http-send';
import { AppError, forbidden, invalid, notFound, validationError } from '../../errors';
import { FileTooLarge, type FileStore } from '../../storage/file-store';
import { readStored, storeChecked } from '../../storage/staged-upload';
import { sniffEvidenceType } from '../../storage/upload-checks';
import { assertBureau, curriculumVisibility, isBureau } from './access';
import { ownCurriculumTiers } from './curricula';
import { materialMetaSchema, type MaterialMeta } from '../../../contract/training-plans';
import { clock } from '../../clock';

export const MATERIAL_MAX_BYTES = 30 * 1048576;
const MATERIAL_MAX_INFLATED_BYTES = 300 * 1048576;

/** Training materials are PDF or Office documents, typed by their content, whatever their name says. */
export const MATERIAL_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
} as const;
export type MaterialType = keyof typeof MATERIAL_TYPES;
/** The content types a training material is sent with. */
export const MATERIAL_MIME_TYPES = Object.values(MATERIAL_TYPES) as [string, ...string[]];

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * What a stored file is: PDF by its header; OOXML by the zip's central directory (read without inflating,
 * refusing zip bombs as the Excel import does); legacy Office (OLE) by its header, the kind taken from the name.
 */
export async function sniffMaterialType(path: string, fileName: string): Promise<MaterialType | null> {
  if ((await sniffEvidenceType(path)) === 'pdf') return 'pdf';
  const head = Buffer.alloc(8);
  const fd = await fs.promises.open(path, 'r');
  try {
    await fd.read(head, 0, 8, 0);
  } finally {
    await fd.close();
  }
  if (head.equals(OLE_MAGIC)) {
    const ext = /\.(doc|xls|ppt)$/i.exec(fileName)?.[1]?.toLowerCase();
    return (ext as MaterialType | undefined) ?? null;
  }
  if (!head.subarray(0, 4).equals(ZIP_MAGIC)) return null;
  let directory;
  try {
    directory = await unzipper.Open.file(path);
  } catch {
    return null;
  }
  if (directory.files.length > 20_000 || directory.files.reduce((n, f) => n + f.uncompressedSize, 0) > MATERIAL_MAX_INFLATED_BYTES) {
    throw new AppError(413, 'PAYLOAD_TOO_LARGE', '文件结构异常（解压后过大），已拒绝');
  }
  const names = new Set(directory.files.map((f) => f.path));
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  if (names.has('ppt/presentation.xml')) return 'pptx';
  return null;
}

const materialColumns = [
  't.id',
  't.org_unit_id as orgUnitId',
  'o.name as orgUnitName',
  'o.kind as orgUnitKind',
  't.tier',
  't.module_id as moduleId',
  'm.title as moduleTitle',
  't.title',
  't.description',
  't.file_type as fileType',
  't.file_name as fileName',
  't.size_bytes as sizeBytes',
  'a.display_name as uploadedByName',
  't.created_at as createdAt',
] as const;

/** 统一教材: files kept by a city (基础, 提升) or the province (高级), read by bureaus, officers and trainers below. */
export class MaterialService {
  constructor(
    private readonly db: Database,
    private readonly files: FileStore,
  ) {}

  private visible(caller: SessionAccount) {
    return this.db
      .selectFrom('training_materials as t')
      .innerJoin('org_units as o', 'o.id', 't.org_unit_id')
      .leftJoin('training_curriculum_modules as m', 'm.id', 't.module_id')
      .leftJoin('accounts as a', 'a.id', 't.uploaded_by')
      .where(curriculumVisibility(caller, 't.org_unit_id'));
  }

  private dto<T extends { orgUnitId: number; moduleTitle: string | null; uploadedByName: string | null; sizeBytes: number }>(caller: SessionAccount, r: T) {
    return {
      ...r,
      moduleTitle: r.moduleTitle ?? null,
      uploadedByName: r.uploadedByName ?? null,
      sizeBytes: Number(r.sizeBytes),
      canEdit: isBureau(caller) && r.orgUnitId === caller.orgUnitId,
    };
  }

  async list(caller: SessionAccount, filter: { tier?: TrainingTier | undefined; orgUnitId?: number | undefined; moduleId?: number | undefined }) {
    let q = this.visible(caller);
    if (filter.tier) q = q.where('t.tier', '=', filter.tier);
    if (filter.orgUnitId) q = q.where('t.org_unit_id', '=', filter.orgUnitId);
    if (filter.moduleId) q = q.where('t.module_id', '=', filter.moduleId);
    const rows = await q.select(materialColumns).orderBy('o.path').orderBy('t.tier').orderBy('t.id', 'desc').execute();
    return rows.map((r) => this.dto(caller, r));
  }

  async get(caller: SessionAccount, id: number) {
    const row = await this.visible(caller)
      .select([...materialColumns, 't.file_key as fileKey'])
      .where('t.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('培训资料');
    const { fileKey, ...rest } = row;
    return { ...this.dto(caller, rest), fileKey };
  }

  /** The module must belong to the curriculum of the caller's unit for that tier. */
  private async checkModule(db: Database, caller: SessionAccount, tier: TrainingTier, moduleId: number | null): Promise<void> {
    if (moduleId === null) return;
    const module = await db
      .selectFrom('training_curriculum_modules as m')
      .innerJoin('training_curricula as c', 'c.id', 'm.curriculum_id')
      .select('m.id')
      .where('m.id', '=', moduleId)
      .where('c.org_unit_id', '=', caller.orgUnitId)
      .where('c.tier', '=', tier)
      .executeTakeFirst();
    if (!module) throw invalid('moduleId', `所选模块不属于本单位的${TRAINING_TIER_LABELS[tier]}课程体系`);
  }

  /**
   * A multipart upload: the fields (title, tier, moduleId, description) come before the file. The file is
   * stored, typed by content and only then recorded; anything refused removes it again.
   */
  async upload(request: FastifyRequest, caller: SessionAccount, actor: Actor) {
    assertBureau(caller, '上传培训资料');
    const file = await request.file({ limits: { fileSize: MATERIAL_MAX_BYTES, files: 1 } });
    if (!file) throw new AppError(400, 'VALIDATION', '请选择要上传的资料文件', [{ path: 'file', message: '请选择文件' }]);
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(file.fields)) {
      const part = Array.isArray(value) ? value[0] : value;
      if (part && part.type === 'field' && typeof part.value === 'string') fields[name] = part.value;
    }
    const tooLarge = () => new AppError(413, 'PAYLOAD_TOO_LARGE', `培训资料不能超过 ${MATERIAL_MAX_BYTES / 1048576} MB`);
    let stored;
    try {
      stored = await storeChecked(this.files, 'training-materials', 'bin', file.file, MATERIAL_MAX_BYTES, async (local) => {
        if (file.file.truncated) throw tooLarge();
        const parsed = materialMetaSchema.safeParse({
          title: fields.title,
          tier: fields.tier,
          moduleId: fields.moduleId === '' ? null : fields.moduleId,
          description: fields.description,
        });
        if (!parsed.success) throw validationError(materialMetaSchema, parsed.error.issues);
        const meta: MaterialMeta = parsed.data;
        const tiers = await ownCurriculumTiers(this.db, caller);
        if (!tiers.includes(meta.tier))
          throw invalid(
            'tier',
            tiers.length === 0
              ? '培训资料由设区市（基础、提升）和省局（高级）统一上传'
              : `本单位只能上传${tiers.map((t) => TRAINING_TIER_LABELS[t]).join('、')}资料`,
          );
        await this.checkModule(this.db, caller, meta.tier, meta.moduleId);
        const sniffed = await sniffMaterialType(local, file.filename);
        if (!sniffed) throw new AppError(400, 'VALIDATION', '培训资料应为 PDF 或 Word、Excel、PowerPoint 文件', [{ path: 'file', message: '文件类型不支持' }]);
        return { meta, type: sniffed };
      });
    } catch (err) {
      if (err instanceof FileTooLarge || (err as { statusCode?: number }).statusCode === 413) throw tooLarge();
      throw err;
    }
    const { meta, type } = stored.checked;
    try {
      const id = await this.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('training_materials')
          .values({
            org_unit_id: caller.orgUnitId,
            tier: meta.tier,
            module_id: meta.moduleId,
            title: meta.title,
            description: meta.description,
            file_key: stored.key,
            file_type: type,
            file_name: file.filename.slice(0, 200) || `${meta.title}.${type}`,
            size_bytes: stored.bytes,
            uploaded_by: caller.accountId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: 'training_material.upload',
          targetType: 'training_material',
          targetId: row.id,
          details: { tier: meta.tier, type, bytes: stored.bytes },
        });
        return row.id;
      });
      const { fileKey: _key, ...dto } = await this.get(caller, id);
      return dto;
    } catch (err) {
      await this.files.remove(stored.key);
      throw err;
    }
  }

  /** The caller's own material, or 403 (readable) / 404 (not visible). */
  private async own(caller: SessionAccount, id: number, verb: string) {
    assertBureau(caller, verb);
    const row = await this.db.selectFrom('training_materials').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('培训资料');
    if (row.org_unit_id !== caller.orgUnitId) {
      const readable = await this.visible(caller).select('t.id').where('t.id', '=', id).executeTakeFirst();
      if (readable) throw forbidden(`只有上传单位可以${verb}`);
      throw notFound('培训资料');
    }
    return row;
  }

  async update(caller: SessionAccount, actor: Actor, id: number, input: { title: string; moduleId: number | null; description: string | null }) {
    const row = await this.own(caller, id, '修改培训资料');
    await this.checkModule(this.db, caller, row.tier, input.moduleId);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('training_materials')
        .set({ title: input.title, module_id: input.moduleId, description: input.description, updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, { action: 'training_material.update', targetType: 'training_material', targetId: id });
    });
    const { fileKey: _key, ...dto } = await this.get(caller, id);
    return dto;
  }

  async remove(caller: SessionAccount, actor: Actor, id: number): Promise<void> {
    const row = await this.own(caller, id, '删除培训资料');
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('training_materials').where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'training_material.delete', targetType: 'training_material', targetId: id, details: { title: row.title } });
    });
    await this.files.remove(row.file_key);
  }

  /** Streams the file to a caller who may see it, as an attachment that the browser never sniffs. */
  async send(caller: SessionAccount, id: number, reply: FastifyReply): Promise<FastifyReply> {
    const material = await this.get(caller, id);
    const stream = await readStored(this.files, material.fileKey, '资料文件');
    const type = material.fileType as MaterialType;
    const name = /\.[a-z]+$/i.test(material.fileName) ? material.fileName : `${material.fileName}.${type}`;
    return sendFile(reply, name, stream, { type: MATERIAL_TYPES[type] });
  }
}
