import { addPageMessages } from '../../app/i18n/pageMessages';
import { drawsMessages } from './draws.i18n';

/** The draw pages' strings (draws.*), added when the first file using them loads: they stay out of the first download. */
addPageMessages(drawsMessages);
