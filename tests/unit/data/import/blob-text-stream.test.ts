import { describe, expect, it } from 'vitest';
import { BlobTextStream, MIN_READ_SLICE } from '$lib/data/import/blob-text-stream';

/** Reads the whole stream, recording each piece handed on; `pauseEvery` pauses after that many pieces and resumes on the next tick. */
function collect(stream: BlobTextStream, pauseEvery = 0): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const pieces: string[] = [];
    stream.on('error', reject);
    stream.on('end', () => resolve(pieces));
    stream.on('data', (text) => {
      pieces.push(text as string);
      if (pauseEvery && pieces.length % pauseEvery === 0) {
        stream.pause();
        setTimeout(() => stream.resume(), 0);
      }
    });
  });
}

/** About 600 kB of text with two- and three-byte characters throughout, so reads split them. */
function text(): string {
  const lines: string[] = [];
  for (let i = 0; i < 12_000; i++)
    lines.push(`C${i},Müller € ${i % 97},2024-01-${String(1 + (i % 28)).padStart(2, '0')},12.5`);
  return lines.join('\n') + '\n';
}

describe('BlobTextStream', () => {
  it('hands a large blob on in pieces of about the chunk size, even when one read returns all of it', async () => {
    const source = text();
    const min = 1 << 16;
    const pieces = await collect(new BlobTextStream(new Blob([source]), min));
    expect(pieces.join('')).toBe(source); // multi-byte characters across piece boundaries survive
    // every piece but the last holds at least the minimum, and at most one small read slice more
    for (const p of pieces.slice(0, -1)) {
      expect(p.length).toBeGreaterThanOrEqual(min);
      expect(p.length).toBeLessThan(min + MIN_READ_SLICE);
    }
    expect(pieces.length).toBeGreaterThanOrEqual(Math.floor(source.length / (min + MIN_READ_SLICE)));
    expect(pieces.length).toBeLessThanOrEqual(Math.ceil(source.length / min));
  });

  it('stops handing on text while paused and goes on where it stopped after resume', async () => {
    const source = text();
    const min = 1 << 15;
    const pieces = await collect(new BlobTextStream(new Blob([source]), min), 1);
    expect(pieces.length).toBeGreaterThanOrEqual(Math.floor(source.length / (min + MIN_READ_SLICE)));
    expect(pieces.join('')).toBe(source);
  });
});
