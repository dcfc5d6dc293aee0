/**
 * The learn Web Worker: trains tfjs models off the main thread. Receives LearnRequest
 * messages, answers with progress messages and one result per request (same id).
 * All logic is in learn-handler.ts.
 */
import { createLearnHandler } from './learn-handler.ts';
import type { LearnRequest, LearnResponse } from './learn-protocol.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<LearnRequest>) => void) | null;
  postMessage(m: unknown): void;
};
const handler = createLearnHandler((message: LearnResponse) => scope.postMessage(message));

scope.onmessage = (e) => {
  void handler.handle(e.data);
};
