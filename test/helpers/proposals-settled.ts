import type { Page } from "playwright-core";

/**
 * Waits until the proposals list has not been rebuilt for 700 ms: a sign-in may build it more
 * than once, and a rebuild drops what was typed into it or opened in it.
 */
export const proposalsSettled = (page: Page): Promise<void> =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const box = document.getElementById("proposals")!;
        const done = () => {
          observer.disconnect();
          resolve();
        };
        let timer = setTimeout(done, 700);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, 700);
        });
        observer.observe(box, { childList: true });
      })
  );
