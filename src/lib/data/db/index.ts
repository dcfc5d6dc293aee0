export { LeverLabDb, openDb, DEFAULT_DB_NAME } from './database.ts';
export type { DbOptions } from './database.ts';
/** The schema versions, their upgrades and the stored-size estimates. */
export * from './schema.ts';
export { encodeCustomerChunks, decodeCustomerChunks, DEFAULT_CUSTOMERS_PER_CHUNK } from './customer-chunks.ts';
export {
  StorageError,
  toStorageError,
  isQuotaError,
  quotaMessage,
  formatBytes,
  BLOCKED_MESSAGE,
  VERSION_CHANGE_MESSAGE,
  VERSION_MESSAGE,
  UNAVAILABLE_MESSAGE
} from './errors.ts';
export type { StorageErrorCode, StorageUsage } from './errors.ts';
export { requestPersistence, storageEstimate, defaultStorageManager } from './storage.ts';
export type { StorageManagerLike, PersistenceState } from './storage.ts';
export { encodeChunks, decodeChunks, assertTableShape, DEFAULT_CHUNK_ROWS } from './chunks.ts';
export {
  saveDataset,
  listDatasets,
  getDataset,
  getSummaries,
  getTransactions,
  deleteDataset,
  setModelChoice,
  setDatasetCurrency
} from './datasets.ts';
export type { SaveProgress, SaveDatasetOptions, DeletedCounts } from './datasets.ts';
export { saveFit, getFits, getFit } from './fits.ts';
export { saveEvidence, getSpendEvidence, getLiftTestEvidence, getSpendGroups, deleteEvidence } from './evidence.ts';
export { saveScenario, listScenarios, getScenario, deleteScenario } from './scenarios.ts';
export type { SaveScenarioInput } from './scenarios.ts';
export { getNotebookState, setNotebookState, deleteNotebookState } from './notebooks.ts';
export { getSetting, setSetting } from './settings.ts';
export { getAnswers, setAnswers, deleteAnswers } from './answers.ts';
export { saveModel, loadModel, listModels, deleteModel, modelIOHandler } from './models.ts';
export type { SaveModelInput, ModelArtifactsLike, ModelIOHandlerLike } from './models.ts';
export type * from './records.ts';
