import { Button, Modal } from 'antd';
import { useIsMobile } from '../../components/use-is-mobile';
import { QualificationsCard } from '../officer/QualificationsCard';

/** A candidate's 职称与证书, for the enterprise that recorded them: the same card the officer keeps on 我的档案. */
export function QualificationsModal({ open, person, onClose }: { open: boolean; person: { id: number; name: string } | null; onClose: () => void }) {
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
      {person ? <QualificationsCard personId={person.id} readOnlyNote="该人员已注册本人账户，由本人维护" /> : null}
    </Modal>
  );
}
