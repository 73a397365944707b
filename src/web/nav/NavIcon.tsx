import { useEffect, useState } from 'react';
import type { NavIconName } from './page';

type Icons = typeof import('./icons');

let icons: Icons | null = null;
let loading: Promise<Icons> | null = null;
/** The icons module, fetched once (again after a failed fetch). */
const loadIcons = (): Promise<Icons> =>
  (loading ??= import('./icons').then(
    (m) => (icons = m),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  ));

/**
 * A page's icon (menu item, home shortcut) by name. The icons are a chunk of their own, so the entry (which the login
 * page loads too) carries only their names; until it arrives an empty box of the icon's size keeps the layout still.
 */
export function NavIcon({ name }: { name: NavIconName }) {
  const [loaded, setLoaded] = useState(icons);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    loadIcons().then(
      (m) => live && setLoaded(m),
      // the icons are decoration: a failed fetch leaves the empty box (the next NavIcon drawn asks again)
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [loaded]);
  const Icon = loaded?.[name];
  return Icon ? <Icon /> : <span className="anticon nav-icon-pending" aria-hidden />;
}
