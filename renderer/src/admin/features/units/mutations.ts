import { z } from 'zod';
import { unitsImportPreviewSchema, unitsImportResultSchema } from '@shared/admin/admin-api';
import type { Unit } from '@shared/schemas';
import { apiSend, type FileBody } from '../../api/client';

export function previewUnitsImport(file: FileBody) {
  return apiSend('POST', 'units/import/preview', unitsImportPreviewSchema, { file });
}

export function importUnits(file: FileBody) {
  return apiSend('POST', 'units/import', unitsImportResultSchema, { file });
}

export function saveUnit(unit: Unit) {
  return apiSend('PUT', `units/${encodeURIComponent(unit.code)}`, z.unknown(), { json: unit });
}
