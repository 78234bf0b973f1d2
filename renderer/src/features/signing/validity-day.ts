import { vnDate } from '@shared/report/vn-date';
import { asLocalIso } from '@shared/time/local-iso';

/** A certificate's validity bound (UTC) as the day it is here, dd/mm/yyyy. */
export const validityDay = (instant: string): string => vnDate(asLocalIso(instant));
