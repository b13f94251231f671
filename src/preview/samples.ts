/**
 * The sample workbooks bundled with the preview: the build copies samples/ into
 * dist/samples/, and the page fetches them from there (same origin, allowed by the CSP).
 */
import type { OpenedFile } from '../host/host';

export interface Sample {
  id: string;
  /** Paths under samples/; several files open side by side as one workbook. */
  files: string[];
}

export const SAMPLES: Sample[] = [
  { id: 'fulfilment', files: ['fulfilment-2024-h1.xlsx'] },
  { id: 'annual', files: ['report-2024-annual.xlsx'] },
  { id: 'plan', files: ['plan-2024.xlsx'] },
  { id: 'job', files: ['job-description-2024.xlsx'] },
  { id: 'receivables', files: ['receivables-2024.xlsx'] },
  { id: 'anticorruption', files: ['anticorruption-2019.xlsx'] },
  {
    id: 'departments',
    files: [
      'departments/dept-hyanalt.xlsx',
      'departments/dept-orlogo.xlsx',
      'departments/dept-tetgever.xlsx',
    ],
  },
];

/** Fetches a sample's files (relative to the page, so the preview works under any path). */
export async function fetchSample(sample: Sample, base = 'samples/'): Promise<OpenedFile[]> {
  return Promise.all(
    sample.files.map(async (path) => {
      const response = await fetch(`${base}${path}`);
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return { name: path.replace(/^.*\//, ''), bytes: await response.arrayBuffer() };
    }),
  );
}
