import { mergeMessages } from './define-messages';
import { commonMessages } from './common-messages';
import { sessionMessages } from '../features/session/messages';
import { devicesMessages } from '../features/devices/messages';
import { unitsMessages } from '../features/units/messages';
import { assignmentsMessages } from '../features/assignments/messages';
import { legalBasesMessages } from '../features/legal-bases/messages';
import { exportsMessages } from '../features/exports/messages';
import { healthMessages } from '../features/health/messages';
import { logMessages } from '../features/log/messages';
import { templatesMessages } from '../features/templates/messages';

/** The console's words: one module per feature (a new page adds its module here). */
export const catalogue = mergeMessages(commonMessages, sessionMessages, devicesMessages, unitsMessages, assignmentsMessages, legalBasesMessages, templatesMessages, exportsMessages, healthMessages, logMessages);

export type AdminKey = keyof typeof catalogue.vi;
