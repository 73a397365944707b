import type { ComponentType, LazyExoticComponent } from 'react';
import type { Permission } from '../../domain/permissions';
import type * as NavIcons from './icons';

/** An icon of nav/icons.ts, by name: drawn by `NavIcon`, which loads them when the first one shows. */
export type NavIconName = keyof typeof NavIcons;

export interface AppPage {
  key: string;
  path: string;
  label: string;
  /** What the role must hold to see the menu item and open the route; null = everyone signed in. */
  permission: Permission | null;
  icon: NavIconName;
  /** One line for the shortcut cards on the home page. */
  description: string;
  /** false: a route without a menu item (reached from the user menu). */
  inMenu: boolean;
  /**
   * A page reached from another page (a detail, an import): the key of that page, whose menu item stays
   * highlighted. Sub-pages get no home shortcut; their path may hold parameters (`/enterprises/:id`).
   */
  parent?: string;
  /** 'full-screen': the page fills the window, outside the menu and header (the projected sign-in QR code). */
  layout?: 'full-screen';
  component: LazyExoticComponent<ComponentType>;
}
