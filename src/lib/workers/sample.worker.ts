/**
 * The sample-data worker: draws a sample dataset off the main thread.
 * Messages: sample-protocol.ts; logic: sample-handler.ts.
 */
import { createSampleHandler } from './sample-handler.ts';
import type { SampleRequest, SampleResponse } from './sample-protocol.ts';

const scope = self as unknown as {
  postMessage(message: SampleResponse, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<SampleRequest>) => void) | null;
};

const handler = createSampleHandler({ post: (response, transfer) => scope.postMessage(response, transfer ?? []) });

scope.onmessage = (event) => {
  void handler.handle(event.data);
};
