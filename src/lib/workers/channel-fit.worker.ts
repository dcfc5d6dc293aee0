/**
 * The channel-fit worker: fits channel response curves off the main thread.
 * Messages: channel-fit-protocol.ts; logic: channel-fit-handler.ts.
 */
import { createChannelFitHandler } from './channel-fit-handler.ts';
import type { ChannelFitRequest, ChannelFitResponse } from './channel-fit-protocol.ts';

const scope = self as unknown as {
  postMessage(message: ChannelFitResponse): void;
  onmessage: ((e: MessageEvent<ChannelFitRequest>) => void) | null;
};

const handler = createChannelFitHandler({ post: (response) => scope.postMessage(response) });

scope.onmessage = (event) => handler.handle(event.data);
