// Open-loop load at a fixed rate, in a process of its own: request i goes out at
// start + i / rate whether or not earlier ones were answered, and its latency is
// counted from that planned moment (no coordinated omission). Prints one JSON line.
// Usage: node fixed-rate.mjs URL RATE SECONDS AUTHORIZATION BODY
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const [url, rateText, secondsText, authorization, body] = process.argv.slice(2);
const rate = Number(rateText);
const total = Math.round(rate * Number(secondsText));
const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4000 });
const latencies = [];
let errors = 0;
const started = performance.now();

function once(planned) {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) latencies.push(performance.now() - planned);
        else errors += 1;
        resolve();
      });
    });
    req.on('error', () => {
      errors += 1;
      resolve();
    });
    req.end(body);
  });
}

const pending = [];
for (let i = 0; i < total; i += 1) {
  const planned = started + (i * 1000) / rate;
  const wait = planned - performance.now();
  if (wait > 1) await sleep(wait);
  pending.push(once(planned));
}
await Promise.all(pending);
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
console.log(JSON.stringify({ sent: total, ok: latencies.length, errors, rate: total / elapsed, p50: at(0.5), p99: at(0.99) }));
agent.destroy();
