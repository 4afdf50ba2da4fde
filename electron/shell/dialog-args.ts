// Validates what the renderer asks of the open dialog before it reaches Electron.
import { z } from 'zod';

const pickSchema = z.object({
  directory: z.boolean().default(false),
  multiple: z.boolean().default(true),
  filters: z
    .array(z.object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[\w*]{1,10}$/)).max(30) }))
    .max(10)
    .default([]),
});

export function pickFilesArgs(raw: unknown): {
  properties: ('openFile' | 'openDirectory' | 'multiSelections')[];
  filters: { name: string; extensions: string[] }[];
} {
  const options = pickSchema.parse(raw ?? {});
  const properties: ('openFile' | 'openDirectory' | 'multiSelections')[] = [options.directory ? 'openDirectory' : 'openFile'];
  if (options.multiple) properties.push('multiSelections');
  return { properties, filters: options.filters };
}
