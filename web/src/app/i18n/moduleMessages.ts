import type { ModuleMessages } from './defineMessages';
import { filesMessages } from '../files/files.i18n';
import { exitsMessages } from '../../modules/licences/exits/exits.i18n';
import { feedbackMessages } from '../../modules/licences/feedback/feedback.i18n';
import { leadsMessages } from '../../modules/licences/leads/leads.i18n';
import { licenceAdminMessages } from '../../modules/licences/licenceAdmin.i18n';
import { licenceCorrectionsMessages } from '../../modules/licences/licenceCorrections.i18n';
import { licenceFilesMessages } from '../../modules/licences/licenceFiles.i18n';
import { publicMessages } from '../../modules/public/public.i18n';
import { todosMessages } from '../../modules/todos/todos.i18n';
import { inspectionsMessages } from '../../modules/inspections/inspections.i18n';
import { inspectionTasksMessages } from '../../modules/inspections/tasks/tasks.i18n';

/** Every module's own UI strings (see defineMessages.ts); one import per module. */
export const MODULE_MESSAGES: ModuleMessages[] = [publicMessages, todosMessages, leadsMessages, licenceAdminMessages, licenceCorrectionsMessages, exitsMessages, feedbackMessages, filesMessages, licenceFilesMessages, inspectionsMessages, inspectionTasksMessages];
