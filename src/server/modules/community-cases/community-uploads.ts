import type { Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { FileStore } from '../../storage/file-store';
import type { EventReports } from './event-reports';
import type { CaseService } from './service';

export interface StoredCommunityFile {
  ref: string;
  name: string;
  bytes: number;
}
/** Stores the request's upload in the given file store (the route's parsing step: `storeCommunityFile`). */
export type StoreUpload = (files: FileStore) => Promise<StoredCommunityFile>;

/** The stored part of a `<key>#<type>` reference. */
const keyOf = (ref: string): string => ref.split('#')[0] ?? '';

/**
 * Case attachments and event photos: the record is checked before anything is stored, the file is stored, and
 * removed again when the record refuses it; deleting a record deletes its file.
 */
export class CommunityUploads {
  constructor(
    private readonly cases: CaseService,
    private readonly reports: EventReports,
    private readonly files: FileStore,
  ) {}

  async attachToCase(caller: SessionAccount, actor: Actor, caseId: number, store: StoreUpload): Promise<number> {
    // the case must be the caller's and editable before anything is stored
    await this.cases.assertAttachable(caller, caseId);
    const file = await store(this.files);
    try {
      return await this.cases.addAttachment(caller, actor, caseId, file);
    } catch (err) {
      await this.files.remove(keyOf(file.ref));
      throw err;
    }
  }

  async removeCaseAttachment(caller: SessionAccount, actor: Actor, attachmentId: number): Promise<void> {
    const ref = await this.cases.removeAttachment(caller, actor, attachmentId);
    await this.files.remove(keyOf(ref));
  }

  async addEventPhoto(caller: SessionAccount, actor: Actor, eventId: number, store: StoreUpload): Promise<number> {
    await this.reports.assertPhotosOpen(caller, eventId);
    const file = await store(this.files);
    try {
      return await this.reports.addPhoto(caller, actor, eventId, file.ref, '');
    } catch (err) {
      await this.files.remove(keyOf(file.ref));
      throw err;
    }
  }

  async removeEventPhoto(caller: SessionAccount, actor: Actor, photoId: number): Promise<void> {
    const ref = await this.reports.removePhoto(caller, actor, photoId);
    await this.files.remove(keyOf(ref));
  }
}
