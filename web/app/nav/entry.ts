// The shape of the nav table's entries (nav.ts), shared by the files that list each area's.
import type { Icon } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Permission } from '../../../contracts/permissions';
import type { NavKey } from '../../i18n';

/** A lazily loaded screen: each is its own chunk, fetched on first visit. */
export type PageModule = { default: ComponentType };

export interface NavPage {
  /** Under the entry's path; absent for its index page. */
  path?: string;
  /** A sub-page that needs more than its entry: one of these permissions as well. */
  anyOf?: Permission[];
  load: () => Promise<PageModule>;
}

export interface NavItem {
  to: string;
  label: NavKey;
  icon: Icon;
  /** Shown (and reachable) only with one of these permissions; none means everyone signed in. */
  anyOf?: Permission[];
  end?: boolean;
  /** The screens behind the entry: its index page and any sub-pages. */
  pages: NavPage[];
}

export const index = (load: NavPage['load']): NavPage => ({ load });
