/** The staff's pages of portal notices (起草、审核、发布、撤回), loaded together on first use. */
export { NoticeAdminPage } from './NoticeAdminPage';
export { NoticesAdminPage } from './NoticesAdminPage';
