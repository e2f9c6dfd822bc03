/**
 * What a web module tells the shell about itself: its pages (with permission and menu entry),
 * its UI strings and what it adds to other modules' slots. Each module exports one from
 * `web/src/modules/<name>/index.ts`; the shell (routes, menu, messages) reads only the list in
 * `app/modules/registry.ts`.
 */
import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { ModuleMessages } from '../i18n/defineMessages';

/** A page component, loaded when its route is first opened. */
export type LazyPage = LazyExoticComponent<ComponentType>;

/** Loads `name` from a module file on demand: `page(() => import('./LoginPage'), 'LoginPage')`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function page<M extends { [P in K]: ComponentType<any> }, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** Where a page is shown. */
export type RouteLayout =
  /** inside the shell (header, side menu); needs a signed-in user (default) */
  | 'shell'
  /** outside the shell, open to anyone */
  | 'public'
  /** outside the shell, only while signed out (a signed-in user goes home) */
  | 'guest';

export type MenuGroup = 'menu.market' | 'inspections.menuGroup' | 'equipment.menuGroup' | 'complaints.menuGroup' | 'cases.menuGroup' | 'spotchecks.menuGroup' | 'credit.menuGroup' | 'menu.system';

export interface ModuleRoute {
  path: string;
  page: LazyPage;
  layout?: RouteLayout;
  /** Needed to open the page (and to see its menu item); none = every signed-in user. */
  permission?: string;
  /** The side-menu entry; routes without one are not in the menu. */
  menu?: {
    label: string;
    icon?: ReactNode;
    group?: MenuGroup;
    order: number;
    /** Shown only to staff or only to enterprises' accounts (users with an `enterpriseUscc`); none = both. */
    audience?: 'staff' | 'enterprise';
  };
}

/** A named extension point one module (or the shell) offers and others fill. */
export interface Slot<T> {
  readonly name: string;
  /** type carrier only */
  readonly _item?: T;
}

export const defineSlot = <T,>(name: string): Slot<T> => ({ name });

export interface SlotContribution<T = unknown> {
  slot: Slot<T>;
  items: T[];
}

/** Pairs a slot with items of its type (checked by the compiler). */
export const contribute = <T,>(slot: Slot<T>, ...items: T[]): SlotContribution => ({ slot, items }) as SlotContribution;

export interface WebModule {
  name: string;
  routes?: ModuleRoute[];
  /** The module's UI strings, merged into the app's messages at start. */
  messages?: ModuleMessages[];
  /** What the module adds to other modules' (or the shell's) slots. */
  contributes?: SlotContribution[];
}

let registered: readonly WebModule[] = [];

/** Called once by the registry with every module. */
export function registerModules(modules: readonly WebModule[]): void {
  registered = modules;
}

/** Everything every module contributed to a slot, in module order. */
export function slotItems<T>(slot: Slot<T>): T[] {
  return registered.flatMap((m) => (m.contributes ?? []).filter((c) => c.slot.name === slot.name).flatMap((c) => c.items as T[]));
}

/** The small loading state shown while a page's code arrives. */
export function PageLoading({ fullPage = false }: { fullPage?: boolean }) {
  return (
    <div
      style={{ display: 'flex', minHeight: fullPage ? '100vh' : 240, alignItems: 'center', justifyContent: 'center' }}
      data-testid="page-loading"
    >
      <Spin size="large" />
    </div>
  );
}

/** Renders a lazily loaded component with the loading state until its code is there. */
export function Loaded({ children, fullPage }: { children: ReactNode; fullPage?: boolean }) {
  return <Suspense fallback={<PageLoading fullPage={fullPage} />}>{children}</Suspense>;
}
