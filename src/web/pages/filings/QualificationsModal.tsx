import { Button, Modal } from 'antd';
import { useIsMobile } from '../../components/use-is-mobile';
import { QualificationsCard } from '../officer/QualificationsCard';

/** The enterprise's own record of a candidate's 职称与证书 (other enterprises and the person keep theirs apart). */
export function QualificationsModal({
  open,
  person,
  onClose,
}: {
  open: boolean;
  /** `id`: the enterprise's candidate id */ person: { id: number; name: string } | null;
  onClose: () => void;
}) {
  const isMobile = useIsMobile();
  return (
    <Modal
      open={open}
      title={person ? `${person.name} 的职称与证书` : '职称与证书'}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 640}
    >
      {person ? <QualificationsCard subjectPath={`/api/candidates/${String(person.id)}`} readOnlyNote="仅本企业登记的职称与证书" /> : null}
    </Modal>
  );
}
