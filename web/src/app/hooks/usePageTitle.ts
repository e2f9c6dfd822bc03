import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Names the browser tab (and the page for a screen reader) "<page> - <site>" while the page is
 * shown; back to the site's name when it goes. Without a title the site's name stays.
 */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const site = t('app.name');
  useEffect(() => {
    if (!title) return;
    document.title = `${title} - ${site}`;
    return () => {
      document.title = site;
    };
  }, [title, site]);
}
