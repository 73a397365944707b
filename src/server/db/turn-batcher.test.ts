import { describe, expect, it } from 'vitest';
import { turnBatcher } from './turn-batcher';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('turnBatcher', () => {
  it('sends the calls of one turn as one batch, in order', async () => {
    const batches: number[][] = [];
    const loader = turnBatcher(async (keys: readonly number[]) => {
      batches.push([...keys]);
      return Promise.resolve(keys.map((k) => k * 10));
    });
    expect(await Promise.all([loader.load(1), loader.load(2), loader.load(2)])).toEqual([10, 20, 20]);
    expect(batches).toEqual([[1, 2, 2]]);
  });

  it('keeps collecting while the allowed batches are at the database, then sends the rest as one', async () => {
    const batches: number[][] = [];
    let finishFirst: () => void = () => undefined;
    const loader = turnBatcher(async (keys: readonly number[]) => {
      batches.push([...keys]);
      if (batches.length === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
      return keys.map((k) => -k);
    }, 1);
    const first = loader.load(1);
    await nextTurn();
    expect(batches).toEqual([[1]]);
    // three more turns while the first batch is out: they wait together
    const later = [loader.load(2)];
    await nextTurn();
    later.push(loader.load(3));
    await nextTurn();
    later.push(loader.load(4));
    await nextTurn();
    expect(batches).toHaveLength(1);
    finishFirst();
    expect(await first).toBe(-1);
    expect(await Promise.all(later)).toEqual([-2, -3, -4]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('passes a failed batch to its callers and goes on with the next', async () => {
    let calls = 0;
    const loader = turnBatcher(async (keys: readonly string[]) => {
      calls += 1;
      if (calls === 1) throw new Error('database gone');
      return Promise.resolve(keys.map((k) => k.toUpperCase()));
    }, 1);
    await expect(loader.load('a')).rejects.toThrow('database gone');
    expect(await loader.load('b')).toBe('B');
  });
});
