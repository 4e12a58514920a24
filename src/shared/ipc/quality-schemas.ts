import { z } from 'zod';
import { QUALITY_METRICS } from '../quality';

/** A page of the records behind a figure: at most 100 at a time, so no call reads the replica whole. */
export const qualityRecordsInput = z
  .object({
    metric: z.enum(QUALITY_METRICS),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .strict();
