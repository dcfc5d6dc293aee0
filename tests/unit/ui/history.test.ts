import { describe, expect, it } from 'vitest';
import { History } from '../../../src/lib/ui/history';

describe('History', () => {
  it('undoes and redoes in order, and nothing when empty', () => {
    const h = new History<number>();
    expect(h.canUndo).toBe(false);
    expect(h.undo(0)).toBeNull();
    h.push(0, 'a', 0);
    h.push(1, 'b', 10);
    // current state is 2
    expect(h.undo(2)).toBe(1);
    expect(h.undo(1)).toBe(0);
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(true);
    expect(h.redo(0)).toBe(1);
    expect(h.redo(1)).toBe(2);
    expect(h.redo(2)).toBeNull();
    expect(h.undo(2)).toBe(1);
  });

  it('coalesces rapid changes of one key into one step, not of different keys or after the window', () => {
    const h = new History<number>({ coalesceMs: 600 });
    // a drag: 0 -> 1 -> 2 -> 3, 100 ms apart
    h.push(0, 'price', 0);
    h.push(1, 'price', 100);
    h.push(2, 'price', 200);
    expect(h.undo(3)).toBe(0);
    expect(h.canUndo).toBe(false);

    const g = new History<number>({ coalesceMs: 600 });
    g.push(0, 'price', 0);
    g.push(1, 'churn', 100); // another lever: a new step
    g.push(2, 'churn', 800); // after the window: a new step
    expect(g.undo(3)).toBe(2);
    expect(g.undo(2)).toBe(1);
    expect(g.undo(1)).toBe(0);
  });

  it('seal ends a run: the next change of the same key is its own step', () => {
    const h = new History<number>();
    h.push(0, 'price', 0);
    h.seal();
    h.push(1, 'price', 10);
    expect(h.undo(2)).toBe(1);
    expect(h.undo(1)).toBe(0);
  });

  it('a null key never coalesces', () => {
    const h = new History<number>();
    h.push(0, null, 0);
    h.push(1, null, 1);
    expect(h.undo(2)).toBe(1);
  });

  it('a new change after an undo clears the redo stack', () => {
    const h = new History<number>();
    h.push(0, 'a', 0);
    expect(h.undo(1)).toBe(0);
    h.push(0, 'b', 5000);
    expect(h.canRedo).toBe(false);
    expect(h.undo(5)).toBe(0);
  });

  it('keeps at most `limit` steps, dropping the oldest', () => {
    const h = new History<number>({ limit: 3 });
    for (let i = 0; i < 5; i++) h.push(i, null, i);
    const undone: number[] = [];
    let current = 5;
    for (let r = h.undo(current); r !== null; r = h.undo(current)) undone.push((current = r));
    expect(undone).toEqual([4, 3, 2]);
  });
});
