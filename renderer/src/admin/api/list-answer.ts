import { z } from 'zod';

/** A list answer: a bare array, or the array under `items` (a page of everything). */
export const listOf = <T extends z.ZodType>(item: T) => z.union([z.array(item), z.object({ items: z.array(item) }).transform((page) => page.items)]);
