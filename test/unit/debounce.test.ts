import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adaptiveDelay, KeyedDebouncer } from '../../server/src/debounce';

describe('debounce', () => {
  it('waits as long as the last check took, between 1 ms and the maximum', () => {
    assert.equal(adaptiveDelay(undefined, 25), 25);
    assert.equal(adaptiveDelay(0.2, 25), 1);
    assert.equal(adaptiveDelay(14.3, 25), 15);
    assert.equal(adaptiveDelay(180, 25), 25);
    assert.equal(adaptiveDelay(Number.NaN, 25), 25);
    assert.equal(adaptiveDelay(5, 0), 0);
  });

  it('runs only the latest task of a key', async () => {
    const debouncer = new KeyedDebouncer(1);
    const ran: number[] = [];
    const done = new Promise<void>((resolve) => {
      debouncer.schedule('a', () => ran.push(1));
      debouncer.schedule('a', () => {
        ran.push(2);
        resolve();
      });
    });
    await done;
    assert.deepEqual(ran, [2]);
    debouncer.dispose();
  });
});
