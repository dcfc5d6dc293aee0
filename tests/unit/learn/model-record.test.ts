import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../src/lib/learn/tf.ts';
import { trainClassifier } from '../../../src/lib/learn/classifier.ts';
import { encode } from '../../../src/lib/learn/encoder.ts';
import { loadNetwork } from '../../../src/lib/learn/model-io.ts';
import { predict } from '../../../src/lib/learn/train.ts';
import { fromModelRecord, toModelRecordInput } from '../../../src/lib/learn/model-record.ts';
import { takeRows } from '../../../src/lib/learn/table.ts';
import { LeverLabDb } from '../../../src/lib/data/db/database.ts';
import { loadModel, saveModel } from '../../../src/lib/data/db/models.ts';
import { simulateCampaign } from './simulate.ts';

describe('a trained classifier stored in the Dexie models table', async () => {
  const tf = await loadTf();
  const data = simulateCampaign(800, 51);
  const result = await trainClassifier(
    data.features,
    data.outcome,
    {
      features: { numeric: ['x1', 'x2'], categorical: ['region'] },
      epochs: 5,
      seed: 2,
      saveModel: true,
      permutationImportance: false
    },
    tf
  );

  it('reloads from IndexedDB with its encoder and predicts the held-out probabilities exactly', async () => {
    const db = new LeverLabDb('learn-model-record-test');
    await saveModel(
      db,
      toModelRecordInput(result.model!, {
        id: 'm1',
        name: result.modelName,
        kind: 'propensity',
        datasetId: null,
        metrics: { auc: result.metrics.aucTest },
        encoder: result.encoder
      })
    );
    const record = await loadModel(db, 'm1');
    const { network, encoder } = fromModelRecord(record!);
    const model = await loadNetwork(tf, network);
    const design = encode(encoder, takeRows(data.features, result.testRows));
    const p = predict(tf, model, design.values, design.rows, design.columns);
    expect(Array.from(p)).toEqual(Array.from(result.testPredicted));
    expect(record!.metrics.auc).toBe(result.metrics.aucTest);
    model.dispose();
    db.close();
  });
});
