/**
 * The layer rules of eslint.config.js (docs/ARCHITECTURE.md, "Layers") refuse an import
 * across a boundary and let the allowed ones through: linted as if the code stood at the
 * given path, with the project's own configuration.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('refuse the UI, the data layer and tfjs inside the model', async () => {
    expect(
      await restricted('src/lib/model/core/btyd/x.ts', "import { a } from '$lib/ui/nav';\nexport { a };\n")
    ).toHaveLength(1);
    expect(
      await restricted(
        'src/lib/model/scenario/engine/x.ts',
        "import { b } from '../../../data/types.ts';\nexport { b };\n"
      )
    ).toHaveLength(1);
    expect(
      await restricted('src/lib/model/scenario/x.ts', "import * as tf from '@tensorflow/tfjs';\nexport { tf };\n")
    ).toHaveLength(1);
    expect(
      await restricted('src/lib/model/core/x.ts', "import { c } from '../scenario/scenario.ts';\nexport { c };\n")
    ).toHaveLength(1);
  });

  it('let the model import its own parts', async () => {
    expect(
      await restricted(
        'src/lib/model/scenario/engine/x.ts',
        "import { bgnbd } from '../../core/btyd/bgnbd.ts';\nexport { bgnbd };\n"
      )
    ).toEqual([]);
  });

  it('keep charts free of model and data, and notebooks free of the UI', async () => {
    expect(
      await restricted('src/lib/charts/x.ts', "import { d } from '$lib/model/scenario/scenario';\nexport { d };\n")
    ).toHaveLength(1);
    expect(
      await restricted('src/lib/charts/x.ts', "import { e } from '../data/types.ts';\nexport { e };\n")
    ).toHaveLength(1);
    expect(
      await restricted('src/lib/charts/x.ts', "import { toCsv } from '../files/csv.ts';\nexport { toCsv };\n")
    ).toEqual([]);
    expect(
      await restricted('src/lib/notebooks/x.ts', "import { f } from '$lib/ui/app-db';\nexport { f };\n")
    ).toHaveLength(1);
  });
});
