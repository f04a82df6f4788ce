/**
 * Waits until `condition` holds, checking every 20 ms; fails naming `what` after `timeoutMs`.
 * Tests wait for conditions, not fixed sleeps: on a loaded machine one answer can take 100s of ms.
 * The condition may ask something over the network (an async condition is awaited each time).
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
