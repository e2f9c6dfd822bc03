import type { Config } from '../../config.js';
import { AppError } from '../http/errors.js';

/**
 * What one import file may hold (see the README's configuration table): its size as uploaded, and
 * the bounds the reader stops at — rows and columns of any file; for an .xlsx also the unzipped size
 * and entry count of the zip, the number of shared strings and their total characters.
 */
export type ImportLimits = Config['importLimits'] & { fileBytes: number };

/** The import limits of a configuration. */
export const importLimitsOf = (config: Pick<Config, 'importLimits' | 'importMaxBytes'>): ImportLimits => ({ ...config.importLimits, fileBytes: config.importMaxBytes });

/** The longest text Excel keeps in one cell; no spreadsheet Excel wrote has a longer one. */
export const MAX_CELL_CHARS = 32_767;

/** 413: the file passes one of the limits; `what` says which, in the user's words. */
export const tooLarge = (what: string, details?: Record<string, unknown>) => new AppError('IMPORT_TOO_LARGE', `文件超出导入限制：${what}`, 413, details);

/** 400: the file is not a spreadsheet we can read. */
export const unreadableXlsx = (why?: string) => new AppError('IMPORT_FORMAT', `无法读取该 .xlsx 文件，文件可能已损坏或不是 Excel 文件${why ? `（${why}）` : ''}`, 400);
