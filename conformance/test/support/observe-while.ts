/**
 * Observes a target while a test acts through the proxy: starts `observe`,
 * hands the proxy's URL to `act`, and stops the observation when `act` is done.
 */
import { observe, type Observation, type ObserveOptions } from '../../src/observe/observe.js';

/**
 * @example
 * const { report } = await observeWhile(sandbox.url, (url) => runApp(url));
 */
export async function observeWhile(target: string, act: (proxyUrl: string) => Promise<unknown>, options: Partial<ObserveOptions> = {}): Promise<Observation> {
  const controller = new AbortController();
  let acting: Promise<unknown> = Promise.resolve();
  const observation = await observe({
    ...options,
    target,
    port: 0,
    signal: controller.signal,
    onListening: (url) => {
      acting = act(url).finally(() => controller.abort());
    },
  });
  await acting;
  return observation;
}
