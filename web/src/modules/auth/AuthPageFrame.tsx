/**
 * The sign-in page's frame is the shell's site frame (app/layout/SiteFrame.tsx): the skip link, the
 * banner and the one main landmark; the public pages add their navigation, card and footer to it
 * (app/layout/PublicFrame.tsx; the h1 is app/layout/PageHeading.tsx). Re-exported here for the pages that
 * still import them from auth.
 */
export { SiteFrame as AuthPageFrame } from '../../app/layout/SiteFrame';
export { PageHeading } from '../../app/layout/PageHeading';
