/**
 * Streams one request to an upstream server and its answer back, for the
 * test proxies. The agent keeps upstream connections alive
 * (`keepAliveAgent()`, so that none outlives the server's idle timeout).
 */
import http from 'node:http';

/**
 * Forwards `req` to the same path on `upstream`; a failed upstream request destroys the client's connection.
 * @example
 * http.createServer((req, res) => forward(req, res, new URL(sandbox.url), agent));
 */
export function forward(req: http.IncomingMessage, res: http.ServerResponse, upstream: URL, agent: http.Agent): void {
  const outgoing = http.request(new URL(req.url ?? '/', upstream), { method: req.method, headers: { ...req.headers, host: upstream.host }, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  outgoing.on('error', () => res.destroy());
  req.pipe(outgoing);
}
