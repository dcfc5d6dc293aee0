// Dexie in node: an in-memory IndexedDB that follows the spec.
import 'fake-indexeddb/auto';
