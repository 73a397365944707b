import { Drawer, Dropdown, Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';

/**
 * The signed-in shell's menus — the main menu (in the side bar, or a drawer on phones) and the account dropdown — in
 * their own chunk: antd's Menu, Dropdown and Drawer are not needed to paint the first screen, so AppLayout loads
 * them lazily and shows the header and the page meanwhile.
 */
export interface NavMenuProps {
  items: MenuProps['items'];
  selectedKeys: string[];
  onSelect: (path: string) => void;
}

export function NavMenu({ items, selectedKeys, onSelect }: NavMenuProps) {
  return <Menu mode="inline" theme="dark" selectedKeys={selectedKeys} items={items} onClick={({ key }) => onSelect(key)} aria-label="主菜单" />;
}

/** Phones: the main menu in a drawer from the left. */
export function NavDrawer({ open, onClose, brand, ...menu }: NavMenuProps & { open: boolean; onClose: () => void; brand: ReactNode }) {
  return (
    <Drawer
      placement="left"
      open={open}
      onClose={onClose}
      size={260}
      title={null}
      closable={false}
      className="nav-drawer"
      styles={{ body: { padding: 0, background: '#001529' } }}
    >
      {brand}
      <NavMenu {...menu} />
    </Drawer>
  );
}

/** The account menu under the header's user button (opened by a click, controlled by AppLayout). */
export function UserMenu({
  menu,
  open,
  onOpenChange,
  children,
}: {
  menu: MenuProps;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
}) {
  return (
    <Dropdown menu={menu} trigger={['click']} placement="bottomRight" open={open} onOpenChange={(next) => onOpenChange(next)}>
      {children}
    </Dropdown>
  );
}
