import type { TFunction } from 'i18next';

/** Display name of a role: the translated built-in name, else the server's name, else the key. */
export function roleLabel(t: TFunction, key: string, serverName?: string): string {
  return t(`role.${key}`, { defaultValue: serverName ?? key });
}

/** Display name of a permission key such as `org.read`. */
export function permissionLabel(t: TFunction, key: string): string {
  return t(`permission.${key}`, { defaultValue: key });
}
